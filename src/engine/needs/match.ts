/**
 * Which needs a service meets, and why: its directory's terms first (a category, an audience, an
 * OpenActive activity), then the words of its name, its organisation's name and its description. One pass
 * over each text, with lookups by word in the Maps compile.ts builds: linear in the text, whatever a
 * directory writes.
 */
import type { Service, Term } from '../../model/index.js';
import { tokenise } from '../text.js';
import type { CompiledNeeds } from './compile.js';
import type { Need } from './vocabulary.js';

/** Where the evidence for a need was found, strongest first. */
export const NEED_EVIDENCE = ['category', 'eligibility', 'name', 'organisation', 'description'] as const;
export type NeedEvidence = (typeof NEED_EVIDENCE)[number];

export interface NeedMatch {
  /** The need's id. */
  need: string;
  how: NeedEvidence;
  /** The directory's term as it wrote it ("Befriending"), or the vocabulary's phrase found in the text ("lunch club"). */
  term: string;
}

export const WORD = 0;
export const NAME_WORD = 1;
export const UNLESS = 2;

export interface Phrase {
  tokens: string[];
  /** The last token matches any word it begins. */
  prefix: boolean;
  need: number;
  kind: typeof WORD | typeof NAME_WORD | typeof UNLESS;
  /** As the vocabulary writes it, without the `*`: quoted in explanations. */
  text: string;
}

/** Letters a one-word prefix (`befriend*`) is looked up by; shorter prefixes are not used. */
export const PREFIX_KEY = 3;
/** Characters of a directory term looked at: a term is a short label, whatever a directory sends. */
const TERM_CHARS = 200;

/** A term or label as the lookups key it: its words, lower-cased and accent-free, one space apart. */
export const termKey = (text: string): string => tokenise(text.slice(0, TERM_CHARS)).join(' ');

/** The need a name stands for (its id, label, Welsh label or an alias), if any. */
export function resolveNeed(compiled: CompiledNeeds, name: string): Need | undefined {
  const i = compiled.names.get(termKey(name));
  return i === undefined ? undefined : compiled.needs[i];
}

/** The end of `phrase` matched at `at`, or -1. */
function matchAt(tokens: readonly string[], at: number, phrase: Phrase): number {
  const n = phrase.tokens.length;
  if (at + n > tokens.length) return -1;
  for (let k = 0; k < n; k++) {
    const want = phrase.tokens[k];
    const have = tokens[at + k];
    if (k === n - 1 && phrase.prefix ? !have.startsWith(want) : have !== want) return -1;
  }
  return at + n;
}

/**
 * Finds the vocabulary's phrases in one text, recording the first for each need not yet met. A phrase
 * inside one of its need's unless-phrases does not count: at each word the unless-phrases starting there
 * are looked up first, so the furthest one reaching over a phrase is known when the phrase is reached.
 */
function scan(
  c: CompiledNeeds,
  tokens: readonly string[],
  nameLike: boolean,
  found: (need: number, text: string) => void,
  met: (need: number) => boolean,
): void {
  let blockedTo: Map<number, number> | undefined;
  let at = 0;
  const look = (list: readonly Phrase[] | undefined, unless: boolean) => {
    if (!list) return;
    for (const p of list) {
      if ((p.kind === UNLESS) !== unless || met(p.need) || (p.kind === NAME_WORD && !nameLike)) continue;
      const end = matchAt(tokens, at, p);
      if (end < 0) continue;
      if (unless) {
        blockedTo ??= new Map();
        blockedTo.set(p.need, Math.max(end, blockedTo.get(p.need) ?? 0));
      } else if ((blockedTo?.get(p.need) ?? -1) < end) found(p.need, p.text);
    }
  };
  for (; at < tokens.length; at++) {
    const t = tokens[at];
    const exact = c.phrases.get(t);
    const begun = t.length >= PREFIX_KEY ? c.prefixes.get(t.slice(0, PREFIX_KEY)) : undefined;
    if (!exact && !begun) continue;
    look(exact, true);
    look(begun, true);
    look(exact, false);
    look(begun, false);
  }
}

/** A directory term, its words once: the lookups and the scan both use them. */
interface ReadTerm {
  name: string;
  tokens: string[];
  key: string;
  vocabulary?: string;
}

function readTerms(list: readonly Term[] | undefined): ReadTerm[] {
  const out: ReadTerm[] = [];
  for (const t of list ?? []) {
    if (typeof t?.name !== 'string') continue;
    const tokens = tokenise(t.name.slice(0, TERM_CHARS));
    out.push({ name: t.name, tokens, key: tokens.join(' '), vocabulary: typeof t.vocabulary === 'string' ? t.vocabulary : undefined });
  }
  return out;
}

function termNeeds(c: CompiledNeeds, term: ReadTerm, each: (need: number) => void): void {
  for (const need of c.terms.get(term.key) ?? []) each(need);
  // A hierarchy ("Sensory Impaired>Visually Impaired") is looked up part by part too.
  if (term.name.includes('>')) {
    for (const part of term.name.slice(0, TERM_CHARS).split('>')) for (const need of c.terms.get(termKey(part)) ?? []) each(need);
  }
  if (term.vocabulary) for (const need of c.schemes.get(termKey(term.vocabulary)) ?? []) each(need);
}

/** Every need a service meets, each with the strongest evidence found. Cached per service object. */
export function needMatches(c: CompiledNeeds, service: Service): ReadonlyMap<string, NeedMatch> {
  const cached = c.cache.get(service);
  if (cached) return cached;
  const out = new Map<number, NeedMatch>();
  const met = (need: number) => out.has(need);
  const record = (need: number, how: NeedEvidence, term: string) => {
    if (!out.has(need)) out.set(need, { need: c.needs[need].id, how, term });
  };
  const lists = [
    ['category', readTerms(service.categories)],
    ['eligibility', readTerms(service.eligibility)],
  ] as const;
  // The record's own terms, for the needs a term on the same record cancels.
  const keys = new Set(lists.flatMap(([, terms]) => terms.map((t) => t.key)));
  const cancelled = (need: number) => {
    const unless = c.unlessTerms.get(need);
    if (unless) for (const k of unless) if (keys.has(k)) return true;
    return false;
  };
  const byTerm = (need: number) => met(need) || cancelled(need);
  for (const [how, terms] of lists) {
    for (const term of terms) {
      termNeeds(c, term, (need) => !cancelled(need) && record(need, how, term.name));
      scan(c, term.tokens, true, (need) => record(need, how, term.name), byTerm);
    }
  }
  scan(c, tokenise(service.name), true, (need, text) => record(need, 'name', text), met);
  scan(c, tokenise(service.organisation?.name), true, (need, text) => record(need, 'organisation', text), met);
  scan(c, tokenise(service.description), false, (need, text) => record(need, 'description', text), met);
  const byId = new Map<string, NeedMatch>();
  for (const i of [...out.keys()].sort((a, b) => a - b)) byId.set(c.needs[i].id, out.get(i)!);
  c.cache.set(service, byId);
  return byId;
}
