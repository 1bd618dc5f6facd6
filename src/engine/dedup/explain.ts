/**
 * Why two records are, or are not, one service, in words a report can show:
 * `explainMatch(a, b)` runs the match rules (`judge` in rules.ts, the very
 * code the blender merges with) and names the rule that decided, with how
 * alike the names are. `isNearMiss` says which refusals a person should
 * look at: alike names kept apart by a rule, or evidence that a rule
 * overrode. Off the hot path: the blender never calls these while blending
 * (its `explain()` does, on demand).
 */
import type { Service } from '../../model/index.js';
import { Features } from './features.js';
import { judge, similarity, Verdict } from './rules.js';
import { NEAR_MISS_NAME } from './thresholds.js';

/** The name of a rule of `Verdict`: evidence (`samePhone`…) or what kept two records apart (`differentPlaces`…). */
export type Rule = keyof typeof Verdict;

export interface MatchExplanation {
  /** Whether the rules make the two records one service. */
  same: boolean;
  /**
   * The rule that decided: the evidence found first (`sameId`, `samePage`, `sameRecordId`,
   * `sameHomepage`, `samePhone`, `sameEmail`, `samePlace`), or the rule that kept them apart
   * (`sameDirectory`, `namesDiffer`, `differentPlaces`, `differentSessions`, `phonesDiffer`,
   * `pagesDiffer`, `noEvidence`).
   */
  rule: Rule;
  /** How alike the names are, 0..1 (0.8 and above counts as alike). */
  nameSimilarity: number;
}

const RULES = new Map<Verdict, Rule>(Object.entries(Verdict).map(([rule, verdict]) => [verdict, rule as Rule]));

const featuresOf = (x: Service | Features) => (x instanceof Features ? x : new Features(x));

/** Whether two records are one service, and which rule says so (see `MatchExplanation`). */
export function explainMatch(a: Service | Features, b: Service | Features): MatchExplanation {
  const x = featuresOf(a);
  const y = featuresOf(b);
  const verdict = judge(x, y);
  return { same: verdict > 0, rule: RULES.get(verdict)!, nameSimilarity: similarity(x, y) };
}

/**
 * A pair a person should judge: records of two directories that the rules kept apart although
 * their names are alike (every rule after the names': a place, a session, a phone or a page said
 * no, or nothing tied them), or whose names differ, but less than `NEAR_MISS_NAME` says.
 */
export function isNearMiss(x: MatchExplanation): boolean {
  if (x.same || x.rule === 'sameDirectory') return false;
  return x.rule !== 'namesDiffer' || x.nameSimilarity >= NEAR_MISS_NAME;
}
