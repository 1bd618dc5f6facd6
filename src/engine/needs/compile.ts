/**
 * A vocabulary made into lookups by word: Maps from a directory term, a term vocabulary, a first word or a
 * word's first letters to the needs and phrases they stand for. Made once per vocabulary; matching a
 * service then only looks things up (match.ts).
 */
import type { Query, Service } from '../../model/index.js';
import type { NeedFilter, NeedFilters } from '../search.js';
import { needFilters } from './filters.js';
import { BUILT_IN_SYNONYMS, tokenise } from '../text.js';
import { needTest, type NeedTest } from './explain.js';
import { VOCABULARY_LIMITS } from './vocabulary.js';
import { NAME_WORD, needMatches, PREFIX_KEY, termKey, UNLESS, WORD, type NeedMatch, type Phrase } from './match.js';
import type { Need, NeedsVocabulary } from './vocabulary.js';

export interface CompiledNeeds {
  readonly vocabulary: NeedsVocabulary;
  readonly needs: readonly Need[];
  readonly byId: ReadonlyMap<string, number>;
  /** Normalised directory term → needs. */
  readonly terms: ReadonlyMap<string, readonly number[]>;
  /** Normalised term vocabulary → needs. */
  readonly schemes: ReadonlyMap<string, readonly number[]>;
  /** First word → phrases starting with it (unless-phrases first). */
  readonly phrases: ReadonlyMap<string, readonly Phrase[]>;
  /** First letters → one-word prefix phrases. */
  readonly prefixes: ReadonlyMap<string, readonly Phrase[]>;
  /** Per need, the normalised terms that cancel its term matches on the same record. */
  readonly unlessTerms: ReadonlyMap<number, ReadonlySet<string>>;
  /** Normalised id, label, Welsh label and aliases → need: what a category preset or a keyword names. */
  readonly names: ReadonlyMap<string, number>;
  /** Every synonym group keyword search uses: the built-in ones (unless replaced) and the vocabulary's. */
  readonly synonyms: ReadonlyArray<readonly string[]>;
  readonly cache: WeakMap<Service, ReadonlyMap<string, NeedMatch>>;
  /**
   * A test for any of the needs given by id (`byName`: by id, label, Welsh label or alias, as a category
   * preset or a keyword names one); undefined when none is known. What the search calls.
   */
  test(wanted: readonly string[], byName?: boolean): NeedTest | undefined;
  /** Every need a service meets (cached per service): what the store works out ahead, a slice at a time. */
  matches(service: Service): ReadonlyMap<string, NeedMatch>;
  /** The search's filters that use the vocabulary, for a query (engine/needs/filters.ts). */
  filters(query: Query, own: { text?: NeedFilter; category?: NeedFilter }, boost: Float32Array): NeedFilters;
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the lookups for a vocabulary. Made once per vocabulary; matching then only looks things up. */
export function compileNeeds(vocabulary: NeedsVocabulary): CompiledNeeds {
  const byId = new Map<string, number>();
  const terms = new Map<string, number[]>();
  const schemes = new Map<string, number[]>();
  const phrases = new Map<string, Phrase[]>();
  const prefixes = new Map<string, Phrase[]>();
  const names = new Map<string, number>();
  const unlessTerms = new Map<number, Set<string>>();
  const needs = vocabulary.needs.filter((n) => !byId.has(n.id) && byId.set(n.id, byId.size));
  needs.forEach((need, i) => {
    for (const name of [need.id, need.label, need.labelCy, ...(need.aliases ?? [])]) {
      const key = name ? termKey(name) : '';
      if (key && !names.has(key)) names.set(key, i);
    }
    for (const t of need.terms ?? []) {
      const key = termKey(t);
      if (key && !terms.get(key)?.includes(i)) add(terms, key, i);
    }
    if (need.unlessTerms?.length) unlessTerms.set(i, new Set(need.unlessTerms.map(termKey)));
    for (const s of need.schemes ?? []) {
      const key = termKey(s);
      if (key && !schemes.get(key)?.includes(i)) add(schemes, key, i);
    }
    const lists = [
      [need.unless, UNLESS],
      [need.words, WORD],
      [need.nameWords, NAME_WORD],
    ] as const;
    for (const [list, kind] of lists) {
      for (const written of list ?? []) {
        const tokens = tokenise(written);
        const prefix = written.trimEnd().endsWith('*');
        if (!tokens.length || tokens.length > VOCABULARY_LIMITS.words) continue;
        const phrase: Phrase = { tokens, prefix, need: i, kind, text: written.replace(/\*+\s*$/, '').trim() };
        if (prefix && tokens.length === 1) {
          if (tokens[0].length >= PREFIX_KEY) add(prefixes, tokens[0].slice(0, PREFIX_KEY), phrase);
        } else add(phrases, tokens[0], phrase);
      }
    }
  });
  const synonyms = [...(vocabulary.replaceSynonyms ? [] : BUILT_IN_SYNONYMS), ...(vocabulary.synonyms ?? [])];
  const compiled: CompiledNeeds = {
    vocabulary,
    needs,
    byId,
    terms,
    schemes,
    phrases,
    prefixes,
    names,
    unlessTerms,
    synonyms,
    cache: new WeakMap(),
    test: (wanted, byName) => needTest(compiled, wanted, byName),
    matches: (service) => needMatches(compiled, service),
    filters: (query, own, boost) => needFilters(compiled, query, own, boost),
  };
  return compiled;
}
