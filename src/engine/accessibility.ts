/**
 * Which venue accessibility and support a record states, in the terms a person asks for
 * (ACCESSIBILITY_FEATURES): from its venues' accessibility notes and amenities, and OpenActive
 * `accessibilitySupport`. The patterns are alternations of plain words, run over text the adapters
 * already cut to a name's length, so each costs one pass.
 */
import type { AccessibilityFeature, Service } from '../model/index.js';
import { ACCESSIBILITY_SUPPORT_VOCABULARY } from '../model/index.js';

const FEATURE_WORDS: ReadonlyArray<readonly [AccessibilityFeature, RegExp]> = [
  ['step-free', /step[\s-]?free|wheelchair|level access|ramp|\blifts?\b|accessible (entrance|building|venue)/i],
  ['hearing-loop', /hearing loop|induction loop|loop system|audio frequency induction/i],
  ['accessible-toilet', /(accessible|disabled) (toilet|wc|loo)|changing places/i],
  ['visual-impairment', /visual(ly)?[\s-]?impair|sight (loss|impair)|blind|braille|large print|audio description/i],
  ['hearing-impairment', /hearing[\s-]?impair|deaf|\bbsl\b|sign language|hard of hearing/i],
  ['learning-disability', /learning (disabilit|difficult|impair)|autis/i],
];

/**
 * The features a record states, or undefined when it says nothing about accessibility at all. An empty set
 * means it says something, none of it a feature asked for: still not a "no".
 */
export function accessibilityFeatures(service: Service): Set<AccessibilityFeature> | undefined {
  const texts: string[] = [];
  for (const l of service.locations ?? []) {
    for (const t of l.accessibility ?? []) texts.push(t);
    for (const t of l.amenities ?? []) texts.push(t);
  }
  for (const t of service.eligibility ?? []) if (t.vocabulary === ACCESSIBILITY_SUPPORT_VOCABULARY) texts.push(t.name);
  if (!texts.length) return undefined;
  const found = new Set<AccessibilityFeature>();
  for (const t of texts) for (const [feature, words] of FEATURE_WORDS) if (words.test(t)) found.add(feature);
  return found;
}
