import DOMPurify from 'dompurify';

let purify: ReturnType<typeof DOMPurify> | undefined;

/**
 * Sanitises a directory's HTML description for the detail view: a small set
 * of text tags, links only to http(s) (opened in a new tab, no referrer), no
 * scripts, styles, forms, frames or event handlers.
 */
export function sanitiseHtml(html: string): string {
  if (!purify) {
    purify = DOMPurify(window);
    purify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') {
        const href = node.getAttribute('href') ?? '';
        let ok = false;
        try {
          const url = new URL(href, document.baseURI);
          ok = url.protocol === 'https:' || url.protocol === 'http:';
        } catch {
          ok = false;
        }
        if (!ok) node.removeAttribute('href');
        else {
          node.setAttribute('rel', 'noopener noreferrer');
          node.setAttribute('target', '_blank');
        }
      }
    });
  }
  // The browser's parser reports inline handlers and style attributes to a strict page's CSP as it
  // parses, before DOMPurify removes them (nothing runs, but the page's reports fill up). Drop them first.
  // A quote left open runs to the end of the text, so no attribute is scanned twice (linear time).
  const quiet = html.replace(/\s(?:on[a-z]+|style)\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]+)/gi, ' ');
  return purify.sanitize(quiet, {
    ALLOWED_TAGS: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'blockquote', 'span'],
    ALLOWED_ATTR: ['href', 'title', 'lang'],
    ALLOW_DATA_ATTR: false,
  });
}
