/**
 * The directory addresses a web editor pastes, one a line, each optionally followed by the name results should
 * show for it (as on the WordPress settings page: `https://… Cardiff Council directory`). Several addresses on
 * one line are several directories without names.
 */

export interface PastedDirectory {
  url: string;
  name?: string;
}

export interface PastedLines {
  directories: PastedDirectory[];
  /** Lines that are not addresses, with the reason. */
  rejected: Array<{ line: string; reason: string }>;
}

/** An http(s) address, as the element and the WordPress plugin accept them, or undefined. */
export function webAddress(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? text : undefined;
  } catch {
    return undefined;
  }
}

const NOT_AN_ADDRESS = 'this is not a web address: it must start with https:// or http://';

export function parseDirectoryLines(text: string): PastedLines {
  const directories: PastedDirectory[] = [];
  const rejected: PastedLines['rejected'] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const words = line.split(/\s+/);
    const urls: string[] = [];
    while (words.length && webAddress(words[0].replace(/,$/, ''))) urls.push(words.shift()!.replace(/,$/, ''));
    if (!urls.length) {
      rejected.push({ line, reason: NOT_AN_ADDRESS });
      continue;
    }
    const name = words.join(' ').replace(/^[,\s]+/, '');
    if (name && urls.length > 1) {
      rejected.push({ line, reason: 'a name can follow only one address on its line' });
      continue;
    }
    for (const url of urls) {
      if (seen.has(url)) continue;
      seen.add(url);
      directories.push(name ? { url, name } : { url });
    }
  }
  return { directories, rejected };
}
