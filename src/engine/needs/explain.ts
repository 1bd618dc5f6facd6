/**
 * What the search makes of needs: the needs a query names (by id, or by a name a category preset or a
 * keyword gives), the strongest evidence a service meets one of them, what that adds to relevance, and the
 * explanation shown with it.
 */
import type { Service } from '../../model/index.js';
import type { CompiledNeeds } from './compile.js';
import { needMatches, resolveNeed, type NeedEvidence, type NeedMatch } from './match.js';
import type { Need } from './vocabulary.js';

/** How much a match adds to relevance: the directory's own term counts most, a word in a long description least. */
export const EVIDENCE_WEIGHT: Record<NeedEvidence, number> = {
  category: 2,
  eligibility: 1.8,
  name: 1.6,
  organisation: 1.2,
  description: 1,
};

/**
 * Why a service was found, in English and in Welsh: the vocabulary is bilingual, so the words of its
 * explanations travel with it (and load with it) instead of in every page's first file.
 */
const WHY: Record<NeedEvidence, [en: string, cy: string]> = {
  category: ['its directory calls it', 'mae ei gyfeiriadur yn ei alw’n'],
  eligibility: ['its directory says it is for', 'mae ei gyfeiriadur yn dweud ei fod ar gyfer'],
  name: ['its name mentions', 'mae ei enw’n sôn am'],
  organisation: ['its organisation’s name mentions', 'mae enw ei sefydliad yn sôn am'],
  description: ['its description mentions', 'mae ei ddisgrifiad yn sôn am'],
};

/**
 * The explanation of one match: English `detail` (for the CLI and English pages), and `params` with the
 * need, the evidence and the Welsh words (`cy`).
 */
export function needExplanation(need: Need, match: NeedMatch): { detail: string; params: Record<string, string> } {
  const [en, cy] = WHY[match.how];
  const params: Record<string, string> = {
    need: need.id,
    label: need.label,
    how: match.how,
    term: match.term,
    cy: `${need.labelCy ?? need.label}: ${cy} “${match.term}”`,
  };
  if (need.labelCy) params.labelCy = need.labelCy;
  return { detail: `${need.label}: ${en} “${match.term}”`, params };
}

/** A service meeting a need a query asked for. */
export interface NeedHit {
  need: Need;
  match: NeedMatch;
  /** What the match adds to relevance. */
  weight: number;
  explain(): { detail: string; params: Record<string, string> };
}

export interface NeedTest {
  readonly needs: readonly Need[];
  /** The strongest match of any of the needs, or undefined. */
  match(service: Service): NeedHit | undefined;
}

/** A test for any of the needs given by id (`byName`: by id, label, Welsh label or alias); undefined when none is known. */
export function needTest(compiled: CompiledNeeds, wanted: readonly string[], byName = false): NeedTest | undefined {
  const found = wanted.map((w) => {
    if (byName) return resolveNeed(compiled, w);
    const i = compiled.byId.get(w);
    return i === undefined ? undefined : compiled.needs[i];
  });
  const needs = [...new Set(found.filter((n): n is Need => !!n))];
  if (!needs.length) return undefined;
  return {
    needs,
    match(service) {
      const all = needMatches(compiled, service);
      let best: NeedMatch | undefined;
      let need: Need | undefined;
      for (const n of needs) {
        const m = all.get(n.id);
        if (m && (!best || EVIDENCE_WEIGHT[m.how] > EVIDENCE_WEIGHT[best.how])) [best, need] = [m, n];
      }
      if (!best || !need) return undefined;
      const [m, n] = [best, need];
      return { need: n, match: m, weight: EVIDENCE_WEIGHT[m.how], explain: () => needExplanation(n, m) };
    },
  };
}
