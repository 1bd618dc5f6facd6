import type { DirectoryRef } from './service.js';

/** Why reading a directory failed. Each kind has a plain-words message in `src/i18n`. */
export const SOURCE_ERROR_KINDS = [
  /** The request never got an answer: offline, DNS, refused, or CORS refused in a browser. */
  'network',
  /** The server answered with a non-2xx status. */
  'http',
  /** The body was a web page, not JSON (often an HTML error page with status 200). */
  'not-json',
  /** The body was meant as JSON but could not be read: cut off part-way, damaged, or empty. */
  'invalid-json',
  /** JSON, but not in any directory shape we know. */
  'not-directory',
  /** No answer within the time limit. */
  'timeout',
  /** The response was larger than the size limit. */
  'too-large',
  /** Paging did not end: a page cap was reached or a page linked to itself. */
  'paging',
  /** A feed's next page was on another website: it is not followed. */
  'off-origin',
  /** Something in the directory's records could not be read, blended or indexed: its records are left out. */
  'unreadable',
  /** The caller aborted. */
  'aborted',
] as const;
export type SourceErrorKind = (typeof SOURCE_ERROR_KINDS)[number];

/** The one error type the sources layer raises. Nothing else escapes a directory read. */
export class SourceError extends Error {
  override name = 'SourceError';
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly url: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type DirectoryState = 'idle' | 'loading' | 'done' | 'failed';

/** A record that was read but could not be used, and why. */
export interface RecordProblem {
  /** The record's id where it had one. */
  id?: string;
  /** Page number (1-based) the record was on. */
  page?: number;
  reason: string;
  /** True when the record was left out (or, on a summary line, the records it counts); otherwise it was read and the problem is with part of it. */
  skipped?: boolean;
  /** How many records a summary line stands for ("60 more series appear more than once"); otherwise one. */
  count?: number;
}

/** What is known about one directory's read so far. */
export interface DirectoryStatus {
  directory: DirectoryRef;
  state: DirectoryState;
  /** Dialect detected, e.g. "oruk-v1", "oruk-v3", "outpost", "snapshot". */
  dialect?: string;
  /** Version string the directory reported, if any. */
  version?: string;
  pagesRead: number;
  /** Pages the directory says it has, when it says. */
  totalPages?: number;
  /** Records read and normalised. */
  records: number;
  /**
   * Records shown from the directory's list summaries whose full records are still being read (a directory
   * that lists summaries, such as Placecube's: locations, times and ages come with the full record).
   */
  summaries?: number;
  /** Problems with records, each with a reason; those marked `skipped` are records left out. */
  problems: RecordProblem[];
  /** Set when state is 'failed' (or 'done' with a partial read, e.g. a page cap). */
  error?: { kind: SourceErrorKind; message: string; status?: number };
  startedAt?: number;
  finishedAt?: number;
  /** Nothing is read until the query has this: a static index is read near a place, never whole. */
  waitingFor?: 'place';
}
