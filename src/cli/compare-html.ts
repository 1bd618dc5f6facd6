/**
 * The comparison as one self-contained HTML file a council officer can read, share and print: tables
 * with headers, a link to each record in its directory, no script and nothing fetched (a Content
 * Security Policy in the file says so to the browser). Every value from a directory is escaped, and a
 * link is written only for an http(s) address.
 */
import { PROBLEM_WORDS, type Comparison, type DirectorySummary, type RecordRef } from '../engine/compare.js';
import { httpHref } from '../model/index.js';

const ESCAPES = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&#39;'],
]);

/** Control characters other than tab and line breaks: not allowed in an HTML document's text. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Text safe in an element and in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(CONTROLS, '').replace(/[&<>"']/g, (c) => ESCAPES.get(c)!);
}

/** `text`, linked to `url` when that is an http(s) address. */
function link(text: string, url: string | undefined): string {
  const href = httpHref(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

const NOT_STATED = '<span class="none">not stated</span>';

/** A record's name, linked to the record in its directory, above its id (and its directory's name, when `names` are given). */
function record(r: RecordRef, names?: Map<string, string>): string {
  const where = names ? `${escapeHtml(names.get(r.directory) ?? r.directory)}, record ` : 'record ';
  return `${link(r.name, r.link)}<br><span class="meta">${where}${escapeHtml(r.id)}</span>`;
}

function table(caption: string, headers: string[], rows: string[][]): string {
  if (!rows.length) return `<p>${escapeHtml(caption)}: none.</p>`;
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const STYLE = `
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; margin: 2rem; line-height: 1.4; }
h1, h2 { margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.5rem; }
th, td { border: 1px solid #b1b4b6; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; min-width: 4em; }
th { background: #f3f2f1; }
a { color: #1d70b8; }
.meta, .none { color: #505a5f; font-size: 0.9em; }
.conflict { font-weight: bold; }
@media print {
  body { margin: 0; font-size: 10pt; }
  a { color: inherit; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}`;

const directoryRow = (d: DirectorySummary) => [
  `${escapeHtml(d.name)}<br><span class="meta">${link(d.url, d.url)}</span>`,
  String(d.count),
  String(d.shared),
  String(d.stale),
  String(d.undated),
  String(d.incomplete),
  String(d.personal),
  d.error ? escapeHtml(d.error) : d.skipped ? `${d.skipped} records could not be read` : 'read in full',
];

/** The report (see the module comment). */
export function comparisonHtml(c: Comparison): string {
  const names = new Map(c.directories.map((d) => [d.id, d.name]));
  const dirName = (id: string) => escapeHtml(names.get(id) ?? id);
  const groups = c.groups.map((g, i) => {
    const differences = g.differences.length
      ? table(
          `Where the directories differ`,
          ['Field', ...g.services.map((s) => names.get(s.directory) ?? s.directory)],
          g.differences.map((d) => [
            `<span class="${d.kind}">${escapeHtml(d.field)}</span><br><span class="meta">${d.kind === 'conflict' ? 'they disagree' : 'not stated by all'}</span>`,
            ...d.values.map((v) => (v.value === null ? NOT_STATED : escapeHtml(v.value))),
          ]),
        )
      : '<p>The directories agree on every field compared.</p>';
    const evidence = g.evidence
      .map((e) => `<li>${dirName(e.a.directory)} and ${dirName(e.b.directory)}: ${escapeHtml(e.detail)}</li>`)
      .join('\n');
    return `<section>
<h3>${i + 1}. ${escapeHtml(g.services[0].name)}</h3>
${table(
  'Records',
  ['Directory', 'Record'],
  g.services.map((s) => [dirName(s.directory), record(s)]),
)}
<p><strong>Why they are one service:</strong></p>
<ul>
${evidence}
</ul>
${differences}
</section>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Directory comparison, ${escapeHtml(c.asOf)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Directory comparison</h1>
<p>${c.directories.length} directories compared as of ${escapeHtml(c.asOf)}. Services are matched by the finder's own rules; near misses are pairs kept apart that a person should look at.</p>
<h2>Directories</h2>
${table(
  'Records in each directory',
  [
    'Directory',
    'Records',
    'Listed elsewhere too',
    'Not checked within a year',
    'Undated',
    'Short of what a referral needs',
    'Contact details that look personal',
    'Read',
  ],
  c.directories.map(directoryRow),
)}
<h2>Services both list</h2>
${table(
  'Services each pair of directories both list',
  ['Directory', 'Directory', 'Services both list'],
  c.overlaps.map((o) => [dirName(o.a), dirName(o.b), String(o.shared)]),
)}
<h2>Services listed by several directories (${c.groups.length})</h2>
${groups.join('\n') || '<p>None.</p>'}
<h2>Near misses (${c.nearMisses.length})</h2>
${table(
  'Records kept apart that a person should judge',
  ['Record', 'Record', 'Why they were kept apart', 'How alike the names are'],
  c.nearMisses.map((n) => [record(n.a, names), record(n.b, names), escapeHtml(n.detail), `${Math.round(n.nameSimilarity * 100)}%`]),
)}
<h2>Problems (${c.problems.length})</h2>
${table(
  'Problems with records',
  ['Directory', 'Record', 'Problem', 'Detail'],
  c.problems.map((p) => [
    dirName(p.directory),
    p.id === undefined ? '' : record({ directory: p.directory, id: p.id, name: p.name ?? p.id, link: p.link }),
    escapeHtml(PROBLEM_WORDS[p.kind]),
    escapeHtml(p.detail),
  ]),
)}
</main>
</body>
</html>
`;
}
