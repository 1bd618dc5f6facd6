/**
 * Everything the finder needs to use a needs vocabulary, as one module the store imports when a need is
 * first asked for: the shipped vocabulary, the checks a page's vocabulary goes through, the compiler
 * whose result matches services and makes the search's need filters, and the words of their
 * explanations. The finder's first file carries none of it.
 */
import { applyVocabulary, checkSynonyms, parseVocabulary, type NeedsVocabulary } from './vocabulary.js';
import { compileNeeds, type CompiledNeeds } from './compile.js';
import { SHIPPED_VOCABULARY } from './shipped-vocabulary.js';

export { SHIPPED_VOCABULARY };

/**
 * The vocabulary a finder uses: the shipped one, extended or replaced by a page's `file` (parsed JSON,
 * checked as hostile data), with the page's synonyms; compiled. `problems` says what was left out.
 */
export function prepareNeeds(file: unknown, synonyms: unknown): { compiled: CompiledNeeds; problems: string[] } {
  const problems: string[] = [];
  let vocabulary: NeedsVocabulary = SHIPPED_VOCABULARY;
  if (file !== undefined) {
    const { patch, problems: found } = parseVocabulary(file);
    problems.push(...found);
    vocabulary = applyVocabulary(vocabulary, patch, problems);
  }
  const groups = synonyms ? checkSynonyms(synonyms, problems) : [];
  if (groups.length) vocabulary = { ...vocabulary, synonyms: [...(vocabulary.synonyms ?? []), ...groups] };
  return { compiled: compileNeeds(vocabulary), problems };
}
