#!/usr/bin/env node
// `npm run docs`: writes docs/elements.md, the element reference, from custom-elements.json (`npm run analyze`).
// `node scripts/docs.mjs --check`: exits 1, changing nothing, when docs/elements.md is out of date.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const TITLE = '# Elements reference';
const INTRO =
  'Every attribute, property, event, slot, part and custom property of each element. This page is generated from\n' +
  '`custom-elements.json` by `npm run docs`: edit the JSDoc in `src/components/`, not this page (`npm test` checks it).';

const root = new URL('../', import.meta.url);
const check = process.argv.includes('--check');
const manifestPath = new URL('custom-elements.json', root);
const pagePath = new URL('docs/elements.md', root);

/** Markdown-safe table cell: one line, pipes escaped, `<` escaped outside code spans. */
function cell(text) {
  if (text === undefined || text === null || text === '') return '';
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
    .replace(/\|/g, '\\|');
}

const code = (text) => (text === undefined || text === null || text === '' ? '' : `\`${String(text).replace(/\|/g, '\\|')}\``);

/** `string | undefined` → `string`: every attribute and property may be left unset. */
const typeText = (type) =>
  (type?.text ?? (typeof type === 'string' ? type : ''))
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t && t !== 'undefined')
    .join(' | ');

function table(headers, rows) {
  if (!rows.length) return '';
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );
}

/** `(default #00703c)` at the end of a description, moved to its own column. */
function splitDefault(description = '') {
  const m = /\s*\(default ([^()]*(?:\([^()]*\)[^()]*)*)\)\.?$/.exec(description);
  return m
    ? { description: description.slice(0, m.index).trim() + (description.trim().endsWith('.') ? '.' : ''), value: m[1].trim() }
    : { description, value: undefined };
}

/** `{SfSearchEvent} A person searched…` → type and description. */
function splitEventType(event) {
  const description = event.description ?? '';
  const m = /^\s*\{([^}]+)\}\s*/.exec(description);
  return { type: event.type?.text ?? m?.[1], description: m ? description.slice(m[0].length) : description };
}

function elementDocs(d) {
  const out = [`### \`<${d.tagName}>\``, ''];
  const summary = d.summary?.trim();
  const description = d.description?.trim().replace(/\s*\n\s*/g, ' ');
  if (summary) out.push(summary, '');
  if (description && description !== summary) out.push(description, '');

  const members = d.members ?? [];
  const memberFor = (attr) => members.find((m) => m.name === attr.fieldName);
  const attributes = (d.attributes ?? []).map((a) => {
    const member = memberFor(a);
    const name = a.fieldName && a.fieldName !== a.name ? `${code(a.name)} (property ${code(a.fieldName)})` : code(a.name);
    const described = splitDefault(a.description ?? member?.description);
    const value = a.default ?? member?.default ?? described.value;
    return [
      name,
      code(typeText(a.type ?? member?.type)),
      code(value),
      cell(value === described.value ? described.description : (a.description ?? member?.description)),
    ];
  });
  const reflected = new Set((d.attributes ?? []).map((a) => a.fieldName).filter(Boolean));
  const properties = members
    .filter(
      (m) =>
        m.kind === 'field' &&
        !m.static &&
        !m.name.startsWith('#') &&
        (!m.privacy || m.privacy === 'public') &&
        !m.attribute &&
        !reflected.has(m.name),
    )
    .map((m) => [code(m.name) + (m.readonly ? ' (read-only)' : ''), code(typeText(m.type)), code(m.default), cell(m.description)]);
  const events = (d.events ?? [])
    .filter((e) => e.name)
    .map((e) => {
      const { type, description } = splitEventType(e);
      return [code(e.name), code(type), cell(description)];
    });
  const slots = (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]);
  const parts = (d.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]);
  const cssProperties = (d.cssProperties ?? []).map((p) => {
    const { description, value } = splitDefault(p.description);
    return [code(p.name), code(p.default ?? value), cell(description)];
  });

  const sections = [
    ['Attributes', ['Attribute', 'Type', 'Default', 'Description'], attributes],
    ['Properties (not attributes)', ['Property', 'Type', 'Default', 'Description'], properties],
    ['Events', ['Event', 'Type', 'Description'], events],
    ['Slots', ['Slot', 'Description'], slots],
    ['CSS parts', ['Part', 'Description'], parts],
    ['CSS custom properties', ['Property', 'Default', 'Description'], cssProperties],
  ];
  for (const [title, headers, rows] of sections) {
    if (!rows.length) continue;
    out.push(`#### ${title}`, '', table(headers, rows), '');
  }
  return out.join('\n').trim();
}

function generate(manifest) {
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
  for (const d of declarations) {
    if (d.customElement && !d.tagName && d.name && !/^[A-Z]\w*Element$/.test(d.name)) {
      console.error(
        `docs: ${d.name} is a custom element without a tag name in custom-elements.json (no @tag in the JSDoc directly above the class?); left out.`,
      );
    }
  }
  const elements = declarations.filter((d) => d.customElement && d.tagName);
  if (!elements.length) throw new Error('custom-elements.json lists no elements: run `npm run analyze`.');
  const contents = elements.map((d) => `- [\`<${d.tagName}>\`](#${d.tagName})`).join('\n');
  return [contents, '', ...elements.map(elementDocs).flatMap((e) => [e, ''])].join('\n').trim();
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const next = `${TITLE}\n\n${INTRO}\n\n${generate(manifest)}\n`;
const current = existsSync(pagePath) ? readFileSync(pagePath, 'utf8') : '';

if (check) {
  if (next !== current) {
    console.error('docs: docs/elements.md is out of date: run `npm run docs` and commit it.');
    process.exit(1);
  }
  console.log('docs: docs/elements.md is up to date.');
} else if (next !== current) {
  writeFileSync(pagePath, next);
  console.log('docs: docs/elements.md written.');
} else {
  console.log('docs: docs/elements.md already up to date.');
}
