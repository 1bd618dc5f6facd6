/**
 * Comparing directories, for the people who run them: which services two directories both list
 * (by the blender's own matching, with the rule that tied each pair), where the copies of one
 * service disagree, the pairs kept apart that a person should judge (near misses), and each
 * directory's records that are out of date, lack what a referral needs, or publish contact
 * details that look like a person's own. Pure and DOM-free: `service-finder compare` reads the
 * directories and prints or writes what this returns.
 */
import type { DirectoryRef, Service } from '../model/index.js';
import { createBlender } from './blend.js';
import { COMPARED_FIELDS, fieldValue, type ComparedField } from './compare-fields.js';
import { explainBlend, type PairExplanation, type Rule } from './dedup/explain.js';
import { personalContacts } from './personal.js';
import { freshness, referralGaps, type CompletenessField } from './quality.js';

/**
 * The report counts a record out of date when not checked within a year (docs/compare.md): a measure of a
 * directory across councils. The finder's own window is shorter and the page's to set (STALE_DAYS, `stale-after`).
 */
const REPORT_STALE_DAYS = 365;
import { isoDay, localParts } from './schedule.js';

/** One directory's records, as read. */
export interface DirectoryRecords {
  directory: DirectoryRef;
  services: Service[];
  /** Records the directory published that could not be read (no id, no name, repeated…). */
  skipped?: number;
  /** Why reading failed or stopped early, in plain words. */
  error?: string;
}

export interface CompareOptions {
  /** The day freshness is measured from. */
  now: Date;
  /** Where a person can see a record as its directory publishes it, when the directory has such a page. */
  recordUrl?: (directory: DirectoryRef, id: string) => string | undefined;
}

/** A record, named as a report names it. */
export interface RecordRef {
  /** The directory's id (see `DirectoryRef.id`). */
  directory: string;
  id: string;
  name: string;
  /** The record in its directory (see `CompareOptions.recordUrl`). */
  link?: string;
}

export interface DirectorySummary {
  id: string;
  url: string;
  name: string;
  /** Records read. */
  count: number;
  /** Of them, records another directory lists too. */
  shared: number;
  stale: number;
  undated: number;
  incomplete: number;
  /** Records with a contact detail that looks personal. */
  personal: number;
  skipped: number;
  error?: string;
}

/** How many services two directories both list. */
export interface Overlap {
  a: string;
  b: string;
  shared: number;
}

/** Why two records were taken to be, or not to be, one service. */
export interface PairEvidence {
  a: RecordRef;
  b: RecordRef;
  /** The rule that decided (see `explainMatch`). */
  rule: Rule;
  /** The rule in words. */
  detail: string;
  /** How alike the names are, 0..1, to two decimals. */
  nameSimilarity: number;
}

/** A near miss: two records kept apart, close enough for a person to judge. */
export interface NearMiss extends PairEvidence {
  /** True when the rules tie the pair but each was merged with another record first. */
  same: boolean;
}

export interface Difference {
  field: ComparedField;
  /** `conflict`: two directories state different values; `gap`: they agree where they say, but some do not say. */
  kind: 'conflict' | 'gap';
  /** Each directory's value in its own words; null where it does not say. */
  values: Array<{ directory: string; value: string | null }>;
}

/** One service listed by several directories. */
export interface SharedService {
  services: RecordRef[];
  /** Each pair of its records that the rules tie, with the rule. */
  evidence: PairEvidence[];
  differences: Difference[];
}

export type ProblemKind = 'read' | 'stale' | 'undated' | 'incomplete' | 'personal';

export interface Problem {
  directory: string;
  kind: ProblemKind;
  /** In plain words: "last checked 2023-05-01, 580 days ago". */
  detail: string;
  /** The record (none for a problem with the whole directory). */
  id?: string;
  name?: string;
  link?: string;
}

export interface Comparison {
  /** The day freshness was measured from, `YYYY-MM-DD`. */
  asOf: string;
  directories: DirectorySummary[];
  overlaps: Overlap[];
  groups: SharedService[];
  nearMisses: NearMiss[];
  problems: Problem[];
}

/** Each match rule in words (the compiler asks for every rule). */
export const RULE_WORDS: Record<Rule, string> = {
  sameId: 'the same distinctive id',
  samePage: 'the same page of its own',
  sameRecordId: 'the same record id and alike names',
  sameHomepage: 'the same homepage and alike names',
  samePhone: 'a shared phone number and alike names',
  sameEmail: 'a shared email address and alike names',
  samePlace: 'alike names at the same place',
  sameDirectory: 'both from one directory',
  namesDiffer: 'names not alike enough',
  differentPlaces: 'alike names at different places',
  differentSessions: 'different sessions (other days or times)',
  phonesDiffer: 'alike names, but different phone numbers',
  pagesDiffer: 'alike names, but different pages of their own',
  noEvidence: 'alike names, but nothing ties them (no shared id, page, phone, email or place)',
};

/** Each kind of problem in words. */
export const PROBLEM_WORDS: Record<ProblemKind, string> = {
  read: 'the directory could not be read in full',
  stale: `not checked within ${REPORT_STALE_DAYS} days`,
  undated: 'no date it was checked',
  incomplete: 'short of what a referral needs',
  personal: 'a contact detail that looks personal',
};

/** A near miss the rules tie, kept apart because each side was merged first with a record they cannot sit with. */
const TIED_BUT_TAKEN = 'tied, but already merged with another record of the same directory or one the rules keep apart';

/** What a referral needs, in the words a problem names it. */
const NEEDS: Partial<Record<CompletenessField, string>> = {
  description: 'what the service is',
  contact: 'how to get in touch',
  access: 'how people get in (drop-in, referral…)',
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Compares directories' records (see the module comment); the lists keep the directories' order. */
export function compareDirectories(sets: DirectoryRecords[], options: CompareOptions): Comparison {
  const records = new Map<string, Service>();
  const blender = createBlender();
  for (const set of sets) {
    blender.add(set.services);
    for (const s of set.services) records.set(s.key, s);
  }
  const ref = (key: string): RecordRef => {
    const s = records.get(key)!;
    const link = options.recordUrl?.(s.directory, s.id);
    return link ? { directory: s.directory.id, id: s.id, name: s.name, link } : { directory: s.directory.id, id: s.id, name: s.name };
  };
  const evidence = (p: PairExplanation): PairEvidence => ({
    a: ref(p.a),
    b: ref(p.b),
    rule: p.rule,
    detail: RULE_WORDS[p.rule],
    nameSimilarity: round2(p.nameSimilarity),
  });

  const explained = explainBlend(blender);
  const groups: SharedService[] = explained.groups.map((g) => ({
    services: g.keys.map(ref),
    evidence: g.evidence.map(evidence),
    differences: differences(g.keys.map((k) => records.get(k)!)),
  }));
  const nearMisses: NearMiss[] = explained.nearMisses.map((p) => ({
    ...evidence(p),
    ...(p.same ? { detail: `${RULE_WORDS[p.rule]}: ${TIED_BUT_TAKEN}` } : {}),
    same: p.same,
  }));

  // A directory that gave nothing shares nothing: it is left out of the pairs rather than counted as 0.
  const ids = sets.filter((s) => s.services.length > 0 || !s.error).map((s) => s.directory.id);
  const inGroups = new Map<string, Set<string>>();
  for (const g of groups) {
    const dirs = new Set(g.services.map((s) => s.directory));
    for (const d of dirs) inGroups.set(d, (inGroups.get(d) ?? new Set()).add(g.services.find((s) => s.directory === d)!.id));
  }
  const overlaps: Overlap[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const shared = groups.filter((g) => g.services.some((s) => s.directory === ids[i]) && g.services.some((s) => s.directory === ids[j]));
      overlaps.push({ a: ids[i], b: ids[j], shared: shared.length });
    }
  }

  const problems: Problem[] = [];
  const directories = sets.map((set): DirectorySummary => {
    const found = quality(set, options);
    problems.push(...found);
    const withProblem = (kind: ProblemKind) => new Set(found.filter((p) => p.kind === kind).map((p) => p.id)).size;
    const summary: DirectorySummary = {
      id: set.directory.id,
      url: set.directory.url,
      name: set.directory.name,
      count: set.services.length,
      shared: inGroups.get(set.directory.id)?.size ?? 0,
      stale: withProblem('stale'),
      undated: withProblem('undated'),
      incomplete: withProblem('incomplete'),
      personal: withProblem('personal'),
      skipped: set.skipped ?? 0,
    };
    if (set.error) summary.error = set.error;
    return summary;
  });
  return { asOf: dayOf(options.now), directories, overlaps, groups, nearMisses, problems };
}

/** `YYYY-MM-DD` of a moment, in London (as freshness counts days). */
const dayOf = (d: Date) => isoDay(localParts(d).day);

/** The fields on which a group's records disagree, or which some state and others do not. */
function differences(services: Service[]): Difference[] {
  const out: Difference[] = [];
  for (const field of COMPARED_FIELDS) {
    const values = services.map((s) => fieldValue(s, field));
    const stated = new Set(values.filter((v) => v !== undefined).map((v) => v.key));
    if (stated.size === 0 || (stated.size === 1 && values.every((v) => v !== undefined))) continue;
    out.push({
      field,
      kind: stated.size > 1 ? 'conflict' : 'gap',
      values: services.map((s, i) => ({ directory: s.directory.id, value: values[i]?.text ?? null })),
    });
  }
  return out;
}

/** A directory's own problems: a failed read, then each record's in record order. */
function quality(set: DirectoryRecords, options: CompareOptions): Problem[] {
  const directory = set.directory.id;
  const out: Problem[] = [];
  if (set.error) out.push({ directory, kind: 'read', detail: set.error });
  for (const s of set.services) {
    const link = options.recordUrl?.(s.directory, s.id);
    const problem = (kind: ProblemKind, detail: string) =>
      out.push({ directory, kind, detail, id: s.id, name: s.name, ...(link ? { link } : {}) });
    const fresh = freshness(s, options.now, REPORT_STALE_DAYS);
    if (!fresh.date) problem('undated', 'neither a date it was checked nor one it was changed');
    else if (fresh.stale) {
      const how = s.assuredDate?.startsWith(fresh.date) ? 'checked' : 'changed';
      problem('stale', `last ${how} ${fresh.date}, ${fresh.days} days before ${dayOf(options.now)}`);
    }
    const gaps = referralGaps(s);
    if (gaps.length) problem('incomplete', `does not say ${gaps.map((g) => NEEDS[g]).join('; ')}`);
    for (const c of personalContacts(s)) {
      problem('personal', c.kind === 'email' ? `email ${c.value}, shaped as a person's name` : `mobile number ${c.value}`);
    }
  }
  return out;
}
