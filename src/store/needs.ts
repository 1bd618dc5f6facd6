/**
 * The needs vocabulary a finder uses: the shipped one (a module of its own, imported on first use),
 * extended or replaced by the page's (a URL or an object, checked as hostile data), plus the page's
 * synonyms. Read once; a vocabulary that cannot be read leaves the shipped one in use and says why.
 */
import { fetchJson } from '../sources/index.js';
import { VOCABULARY_LIMITS } from '../engine/needs/limits.js';
import type { CompiledNeeds } from '../engine/needs/compile.js';
import type { NeedsVocabulary } from '../engine/needs/vocabulary.js';
import { BUILT_IN_SYNONYMS, type Synonyms } from '../engine/text.js';

/** The vocabulary's code and shipped data: a file of its own in the bundle, fetched on first use. */
const runtime = () => import('../engine/needs/needs-runtime.js');

export interface NeedsOptions {
  /** The URL of a vocabulary file (JSON, docs/needs.md), or one already parsed. */
  vocabulary?: string | object;
  /** Synonym groups added to the vocabulary's. */
  synonyms?: Synonyms;
  timeoutMs?: number;
}

/** No needs: what a finder uses when the vocabulary's file cannot be loaded. Its tests find nothing. */
function emptyNeeds(): CompiledNeeds {
  const none = new Map();
  return {
    vocabulary: { groups: [], needs: [] },
    needs: [],
    byId: none,
    terms: none,
    schemes: none,
    phrases: none,
    prefixes: none,
    unlessTerms: none,
    names: none,
    synonyms: BUILT_IN_SYNONYMS,
    cache: new WeakMap(),
    test: () => undefined,
    matches: () => none,
  };
}

export class NeedsLoader {
  readonly #options: NeedsOptions;
  #compiled?: CompiledNeeds;
  #loading?: Promise<CompiledNeeds>;
  /** What was left out of the page's vocabulary or synonyms, and why. */
  readonly problems: string[] = [];
  /** Why the page's vocabulary (or the shipped one) could not be read at all. */
  error?: string;

  constructor(options: NeedsOptions) {
    this.#options = options;
  }

  get compiled(): CompiledNeeds | undefined {
    return this.#compiled;
  }

  /** Reads and compiles the vocabulary, once. Never rejects: what fails is in `error`. */
  load(): Promise<CompiledNeeds> {
    this.#loading ??= this.#read();
    return this.#loading;
  }

  async #read(): Promise<CompiledNeeds> {
    let code: Awaited<ReturnType<typeof runtime>>;
    try {
      code = await runtime();
    } catch (e) {
      // The file of the bundle that holds it did not arrive: no needs, and every query still answered.
      this.error = `The needs vocabulary could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
      return (this.#compiled = emptyNeeds());
    }
    const { applyVocabulary, checkSynonyms, compileNeeds, parseVocabulary } = code;
    let vocabulary: NeedsVocabulary = code.SHIPPED_VOCABULARY;
    const given = this.#options.vocabulary;
    if (given) {
      try {
        const json =
          typeof given === 'string'
            ? await fetchJson(given, { timeoutMs: this.#options.timeoutMs, maxBytes: VOCABULARY_LIMITS.bytes })
            : given;
        const { patch, problems } = parseVocabulary(json);
        this.problems.push(...problems);
        vocabulary = applyVocabulary(vocabulary, patch, this.problems);
      } catch (e) {
        this.error = `The vocabulary at ${String(given)} could not be read (${e instanceof Error ? e.message : String(e)}): the shipped one is used.`;
      }
    }
    const synonyms = this.#options.synonyms ? checkSynonyms(this.#options.synonyms, this.problems) : [];
    if (synonyms.length) vocabulary = { ...vocabulary, synonyms: [...(vocabulary.synonyms ?? []), ...synonyms] };
    return (this.#compiled = compileNeeds(vocabulary));
  }
}
