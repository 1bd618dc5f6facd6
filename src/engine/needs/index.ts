/**
 * Needs: the vocabulary (its shape, checks and merging), matching services to needs with an explanation,
 * and the shipped vocabulary. For Node and for code that wants it all at once; the finder itself loads
 * `needs-runtime.ts` when a need is first asked for.
 */
import type { NeedsVocabulary } from './vocabulary.js';

export {
  applyVocabulary,
  checkSynonyms,
  parseVocabulary,
  VOCABULARY_FORMAT,
  VOCABULARY_LIMITS,
  type Need,
  type NeedGroup,
  type NeedsVocabulary,
  type VocabularyPatch,
} from './vocabulary.js';
export { isNeedId, VOCABULARY_BYTES } from './limits.js';
export { compileNeeds, type CompiledNeeds } from './compile.js';
export { needMatches, resolveNeed, termKey, NEED_EVIDENCE, type NeedEvidence, type NeedMatch } from './match.js';
export { needExplanation, needTest, EVIDENCE_WEIGHT, type NeedHit, type NeedTest } from './explain.js';

/** The shipped vocabulary, imported the first time it is asked for. */
export async function loadShippedVocabulary(): Promise<NeedsVocabulary> {
  return (await import('./needs-runtime.js')).SHIPPED_VOCABULARY;
}
