/**
 * Everything the finder needs to use a needs vocabulary, as one module the store imports when a need is
 * first asked for: the shipped vocabulary, the checks a page's vocabulary goes through, and the compiler
 * whose result matches services. The finder's first file carries none of it.
 */
export { SHIPPED_VOCABULARY } from './shipped-vocabulary.js';
export { applyVocabulary, checkSynonyms, parseVocabulary } from './vocabulary.js';
export { compileNeeds } from './compile.js';
