/**
 * The needs vocabulary a finder uses: the shipped one (a module of its own, imported on first use),
 * extended or replaced by the page's (a URL or an object, checked as hostile data), plus the page's
 * synonyms. Read once; a vocabulary that cannot be read leaves the shipped one in use and says why.
 */
import { fetchJson } from '../sources/index.js';
import { VOCABULARY_BYTES } from '../engine/needs/limits.js';
import type { CompiledNeeds } from '../engine/needs/compile.js';
import type { Synonyms } from '../engine/text.js';
import { yieldToMain } from './tasks.js';

/** The vocabulary's code and shipped data: a file of its own in the bundle, fetched on first use. */
const runtime = () => import('../engine/needs/needs-runtime.js');

export interface NeedsOptions {
  /** The URL of a vocabulary file (JSON, docs/needs.md), or one already parsed. */
  vocabulary?: string | object;
  /** Synonym groups added to the vocabulary's. */
  synonyms?: Synonyms;
  timeoutMs?: number;
}

export class NeedsLoader {
  readonly #options: NeedsOptions;
  #compiled?: CompiledNeeds;
  #loading?: Promise<CompiledNeeds | undefined>;
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

  /**
   * Reads and compiles the vocabulary, once. Never rejects: what fails is in `error`. Undefined when the
   * bundle's file that holds it did not arrive: the finder then has no needs, and answers every query still.
   */
  load(): Promise<CompiledNeeds | undefined> {
    this.#loading ??= this.#read();
    return this.#loading;
  }

  async #read(): Promise<CompiledNeeds | undefined> {
    const given = this.#options.vocabulary;
    const code = runtime().catch((e: unknown) => {
      this.error = `The needs vocabulary could not be loaded: ${String(e)}`;
    });
    const file =
      typeof given === 'string'
        ? await fetchJson(given, { timeoutMs: this.#options.timeoutMs, maxBytes: VOCABULARY_BYTES }).catch((e: unknown) => {
            this.error = `The vocabulary at ${given} could not be read (${e instanceof Error ? e.message : String(e)}): the shipped one is used.`;
          })
        : given || undefined;
    const rt = await code;
    if (!rt) return undefined;
    // The module was evaluated in this task (its vocabulary is a large literal): compiling gets one of its own.
    await yieldToMain();
    const { compiled, problems } = rt.prepareNeeds(file, this.#options.synonyms);
    this.problems.push(...problems);
    return (this.#compiled = compiled);
  }
}
