/**
 * The needs vocabulary: plain-English (and Welsh) needs and circumstances, each mapped from the terms
 * directories use and from words in names and descriptions. The shape, the checks a vocabulary from a URL
 * goes through (it is hostile data: sizes capped, every value checked, ids kept in Maps), and how a
 * council's vocabulary extends or replaces the shipped one. Documented in docs/needs.md.
 */
import { isNeedId, VOCABULARY_BYTES } from './limits.js';

export const VOCABULARY_FORMAT = 'service-finder-needs';

/** Caps on a vocabulary from a URL, so a hostile or broken file costs bounded time and memory. */
export const VOCABULARY_LIMITS = {
  /** Bytes of the JSON file. */
  bytes: VOCABULARY_BYTES,
  needs: 200,
  groups: 40,
  /** Entries in each list of one need. */
  list: 300,
  /** Phrases across all needs and lists. */
  phrases: 20_000,
  /** Characters of a label, a term or a phrase. */
  chars: 120,
  /** Words of one phrase. */
  words: 8,
  synonymGroups: 300,
  synonymPhrases: 30,
} as const;

/** One need or circumstance. Every list is optional; phrases are matched whole words, case- and accent-insensitive. */
export interface Need {
  /** Lower-case letters, digits and hyphens: `lonely`, `money-debt`. Used in addresses (`?need=lonely`). */
  id: string;
  label: string;
  labelCy?: string;
  /** The id of the group the form lists it under. */
  group?: string;
  /** A person's own words for the need ("lonely", "money worries"): a keyword search of exactly one of these finds the need. */
  aliases?: string[];
  /** Directory terms (category, taxonomy, eligibility or audience names) that mean this need, matched whole. */
  terms?: string[];
  /** Term vocabularies every term of which means this need (`openactive-activity-list`: every OpenActive activity). */
  schemes?: string[];
  /** Words or phrases in a name, a term or a description. A `*` at the end matches any ending (`befriend*`). */
  words?: string[];
  /** Words or phrases that count in a name or a term only, too common in descriptions ("lunch", "club"). */
  nameWords?: string[];
  /** Phrases in which the words do not count ("parents/carers" is not someone caring for an adult). */
  unless?: string[];
  /**
   * Directory terms that, on the same record, cancel this need's term matches: a record its directory lists
   * for both "Women" and "Men" is for everyone, not a women's service.
   */
  unlessTerms?: string[];
}

export interface NeedGroup {
  id: string;
  label: string;
  labelCy?: string;
}

export interface NeedsVocabulary {
  groups: NeedGroup[];
  needs: Need[];
  /**
   * Synonym groups for keyword search, each a list of phrases that mean the same (`["gp", "doctor"]`).
   * Added to the built-in groups, unless `replaceSynonyms`.
   */
  synonyms?: string[][];
  /** The built-in synonym groups are not used (a vocabulary that replaced the shipped one). */
  replaceSynonyms?: boolean;
}

/** What a vocabulary file says, after checking: applied to the shipped vocabulary with `applyVocabulary`. */
export interface VocabularyPatch {
  /** The file is the whole vocabulary (needs, groups and synonyms); otherwise it extends the shipped one. */
  replace: boolean;
  groups: NeedGroup[];
  needs: Array<Partial<Need> & { id: string }>;
  remove: string[];
  synonyms: string[][];
}

const LISTS = ['aliases', 'terms', 'schemes', 'words', 'nameWords', 'unless', 'unlessTerms'] as const;
type ListKey = (typeof LISTS)[number];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An own property only: `__proto__` or `constructor` in a file reads as data, never as the prototype's. */
const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** Text of at most `chars` characters with its whitespace folded, or undefined. */
function label(v: unknown, chars: number = VOCABULARY_LIMITS.chars): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v
    .slice(0, chars * 2)
    .replace(/\s+/g, ' ')
    .trim();
  return t && t.length <= chars ? t : undefined;
}

class Checker {
  readonly problems: string[] = [];
  phrases = 0;

  note(message: string): void {
    // A file with thousands of faults says so once per kind, not thousands of times.
    if (this.problems.length < 50) this.problems.push(message);
  }

  /** A list of short strings, capped; anything else in it is dropped with a note. */
  list(v: unknown, where: string, max: number = VOCABULARY_LIMITS.list): string[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.note(`${where} is not a list`);
      return [];
    }
    if (v.length > max) this.note(`${where} has ${v.length} entries: the first ${max} are used`);
    const out: string[] = [];
    for (const item of v.slice(0, max)) {
      const t = label(item);
      if (t === undefined) this.note(`${where}: an entry that is not text of 1–${VOCABULARY_LIMITS.chars} characters is left out`);
      else if (this.phrases >= VOCABULARY_LIMITS.phrases) {
        this.note(`more than ${VOCABULARY_LIMITS.phrases} phrases: the rest are left out`);
        break;
      } else {
        this.phrases++;
        out.push(t);
      }
    }
    return out;
  }
}

function checkNeed(v: unknown, at: number, c: Checker): (Partial<Need> & { id: string }) | undefined {
  if (!isRecord(v)) {
    c.note(`needs[${at}] is not an object`);
    return undefined;
  }
  const id = own(v, 'id');
  if (!isNeedId(id)) {
    c.note(`needs[${at}] has no usable id (lower-case letters, digits and hyphens)`);
    return undefined;
  }
  const need: Partial<Need> & { id: string } = { id };
  for (const key of ['label', 'labelCy'] as const) {
    const raw = own(v, key);
    if (raw === undefined) continue;
    const t = label(raw);
    if (t === undefined) c.note(`need "${id}": ${key} is not text of 1–${VOCABULARY_LIMITS.chars} characters`);
    else need[key] = t;
  }
  const group = own(v, 'group');
  if (group !== undefined) {
    if (isNeedId(group)) need.group = group;
    else c.note(`need "${id}": group is not a usable id`);
  }
  for (const key of LISTS) {
    const list = c.list(own(v, key), `need "${id}": ${key}`);
    if (list.length) need[key] = list;
  }
  return need;
}

function checkGroup(v: unknown, at: number, c: Checker): NeedGroup | undefined {
  const id = isRecord(v) ? own(v, 'id') : undefined;
  const name = isRecord(v) ? label(own(v, 'label')) : undefined;
  if (!isRecord(v) || !isNeedId(id) || !name) {
    c.note(`groups[${at}] needs an id and a label`);
    return undefined;
  }
  const cy = label(own(v, 'labelCy'));
  return cy ? { id, label: name, labelCy: cy } : { id, label: name };
}

/**
 * Synonym groups from a page or a file: a list of lists of phrases (`[["gp", "doctor"]]`), or an object of
 * a phrase to its synonyms (`{"gp": ["doctor"]}`). Capped; what is not text is left out with a note.
 */
export function checkSynonyms(v: unknown, problems: string[] = []): string[][] {
  const c = new Checker();
  let groups: unknown[] = [];
  if (Array.isArray(v)) groups = v;
  else if (isRecord(v)) {
    // One past the cap, so the note below still says there were too many.
    groups = Object.keys(v)
      .slice(0, VOCABULARY_LIMITS.synonymGroups + 1)
      .map((k) => {
        const more = own(v, k);
        return [k, ...(Array.isArray(more) ? more : [more])];
      });
  } else if (v !== undefined) c.note('synonyms is neither a list of lists nor an object');
  if (groups.length > VOCABULARY_LIMITS.synonymGroups) {
    c.note(`synonyms has over ${VOCABULARY_LIMITS.synonymGroups} groups: the first ${VOCABULARY_LIMITS.synonymGroups} are used`);
  }
  const out: string[][] = [];
  groups.slice(0, VOCABULARY_LIMITS.synonymGroups).forEach((g, i) => {
    const phrases = c.list(g, `synonyms[${i}]`, VOCABULARY_LIMITS.synonymPhrases);
    if (phrases.length >= 2) out.push(phrases);
    else c.note(`synonyms[${i}] needs two or more phrases`);
  });
  problems.push(...c.problems);
  return out;
}

/**
 * Checks a vocabulary file (parsed JSON, untrusted). Never throws: what cannot be used is left out and
 * said in `problems`. A file that is not a vocabulary at all gives an empty patch and a problem.
 */
export function parseVocabulary(input: unknown): { patch: VocabularyPatch; problems: string[] } {
  const c = new Checker();
  const patch: VocabularyPatch = { replace: false, groups: [], needs: [], remove: [], synonyms: [] };
  if (!isRecord(input)) {
    c.note('the vocabulary is not a JSON object');
    return { patch, problems: c.problems };
  }
  const format = own(input, 'format');
  if (format !== undefined && format !== VOCABULARY_FORMAT)
    c.note(`format is "${String(format).slice(0, 40)}", not "${VOCABULARY_FORMAT}"`);
  patch.replace = own(input, 'replace') === true;

  const seen = new Set<string>();
  const needs = own(input, 'needs');
  if (needs !== undefined && !Array.isArray(needs)) c.note('needs is not a list');
  const needList = Array.isArray(needs) ? needs : [];
  if (needList.length > VOCABULARY_LIMITS.needs)
    c.note(`needs has ${needList.length} entries: the first ${VOCABULARY_LIMITS.needs} are used`);
  needList.slice(0, VOCABULARY_LIMITS.needs).forEach((v, i) => {
    const need = checkNeed(v, i, c);
    if (!need) return;
    if (seen.has(need.id)) return c.note(`need "${need.id}" is listed twice: the first is used`);
    seen.add(need.id);
    patch.needs.push(need);
  });

  const groups = own(input, 'groups');
  const groupList = Array.isArray(groups) ? groups.slice(0, VOCABULARY_LIMITS.groups) : [];
  if (groups !== undefined && !Array.isArray(groups)) c.note('groups is not a list');
  const groupIds = new Set<string>();
  groupList.forEach((v, i) => {
    const group = checkGroup(v, i, c);
    if (group && !groupIds.has(group.id)) {
      groupIds.add(group.id);
      patch.groups.push(group);
    }
  });

  patch.remove = c.list(own(input, 'remove'), 'remove', VOCABULARY_LIMITS.needs).filter((id) => isNeedId(id));
  patch.synonyms = checkSynonyms(own(input, 'synonyms'), c.problems);
  if (patch.replace) {
    for (const need of patch.needs) if (!need.label) c.note(`need "${need.id}" has no label: left out`);
    patch.needs = patch.needs.filter((n) => n.label);
  }
  return { patch, problems: c.problems };
}

const union = (a: string[] | undefined, b: string[] | undefined) => (b?.length ? [...new Set([...(a ?? []), ...b])] : a);

/**
 * The vocabulary a patch makes of `base`: with `replace`, the patch alone; otherwise the base with the
 * patch's needs added (a need with a base need's id adds to its lists and may relabel it), `remove`d needs
 * taken out, groups and synonyms added. A new need without a label is left out (it could not be shown).
 */
export function applyVocabulary(base: NeedsVocabulary, patch: VocabularyPatch, problems: string[] = []): NeedsVocabulary {
  if (patch.replace) {
    return { groups: patch.groups, needs: patch.needs as Need[], synonyms: patch.synonyms, replaceSynonyms: true };
  }
  const needs = new Map<string, Need>(base.needs.map((n) => [n.id, n]));
  for (const change of patch.needs) {
    const old = needs.get(change.id);
    if (!old && !change.label) {
      problems.push(`need "${change.id}" is new and has no label: left out`);
      continue;
    }
    const merged: Need = old ? { ...old } : { id: change.id, label: change.label! };
    if (change.label) merged.label = change.label;
    if (change.labelCy) merged.labelCy = change.labelCy;
    if (change.group) merged.group = change.group;
    for (const key of LISTS) {
      const list = union(merged[key as ListKey], change[key as ListKey]);
      if (list) merged[key as ListKey] = list;
    }
    needs.set(change.id, merged);
  }
  for (const id of patch.remove) needs.delete(id);
  const groups = new Map<string, NeedGroup>(base.groups.map((g) => [g.id, g]));
  for (const g of patch.groups) groups.set(g.id, g);
  return {
    groups: [...groups.values()],
    needs: [...needs.values()],
    synonyms: [...(base.synonyms ?? []), ...patch.synonyms],
    replaceSynonyms: base.replaceSynonyms,
  };
}
