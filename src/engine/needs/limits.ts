/** What the finder's first file needs of the needs vocabulary: whether an address's need id could be one, and the largest file it reads. */

/** Bytes of a vocabulary file, at most. */
export const VOCABULARY_BYTES = 1_000_000;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID_CHARS = 64;

/** True for a usable need or group id: lower-case letters and digits in hyphenated runs, as an address can carry it. */
export const isNeedId = (v: unknown): v is string => typeof v === 'string' && v.length <= ID_CHARS && ID.test(v);
