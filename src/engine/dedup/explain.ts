/**
 * Why two records are, or are not, one service, in words a report can show:
 * `explainMatch(a, b)` runs the match rules (`judge` in rules.ts, the very
 * code the blender merges with) and names the rule that decided, with how
 * alike the names are. `isNearMiss` says which refusals a person should
 * look at: alike names kept apart by a rule, or evidence that a rule
 * overrode. `explainBlend(blender)` does both for what a blender merged and
 * the pairs it looked at. Off the hot path: blending never calls these (and a
 * page that never asks does not load them).
 */
import type { Service } from '../../model/index.js';
import type { Blender } from '../blend.js';
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

/** `explainMatch` of two records, named by their keys (`<directory id>:<record id>`). */
export interface PairExplanation extends MatchExplanation {
  a: string;
  b: string;
}

export interface BlendExplanation {
  /** Each blended service of two or more records: their keys, and every pair of them the rules tie, with the evidence. */
  groups: Array<{ keys: string[]; evidence: PairExplanation[] }>;
  /**
   * Candidate pairs of two directories that were not merged and that a person should judge (see
   * `isNearMiss`), and pairs the rules tie (`same: true`) that were kept apart because a record
   * of the same directory, or one the rules keep apart, was merged with one of them already.
   */
  nearMisses: PairExplanation[];
}

const pair = (x: Features, y: Features): PairExplanation => ({ a: x.key, b: y.key, ...explainMatch(x, y) });

/**
 * Why each blended service's records were merged, and which pairs of records were kept apart
 * though close (near misses), from the blender's own groups and candidates (`blender.pairs()`).
 */
export function explainBlend(blender: Pick<Blender, 'pairs'>): BlendExplanation {
  const { groups, candidates } = blender.pairs();
  return {
    groups: groups.map((members) => {
      const evidence: PairExplanation[] = [];
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const p = pair(members[i], members[j]);
          if (p.same) evidence.push(p);
        }
      }
      return { keys: members.map((m) => m.key), evidence };
    }),
    nearMisses: candidates.map(([x, y]) => pair(x, y)).filter((p) => p.same || isNearMiss(p)),
  };
}
