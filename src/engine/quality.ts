/** Freshness, completeness and facets: what a social prescriber checks before referring. */
import { DAY_MS, REQUIRE_FIELDS, type RequireField, type Service } from '../model/index.js';
import { compileService, dayNumber, localParts } from './schedule.js';
import { normalise } from './text.js';

/**
 * Days after its last check that a record counts as out of date, unless the page sets its own window
 * (`stale-after`). The directories of the pilots this finder serves assure each record every two to three
 * months; a record not checked for six months has missed two rounds of checks (docs/trust.md).
 */
export const STALE_DAYS = 180;

/** A freshness window a page set: whole days from 1, else the default. */
export const staleWindow = (days: number | undefined): number =>
  typeof days === 'number' && Number.isFinite(days) && days >= 1 ? Math.floor(days) : STALE_DAYS;

/** Whether a service is listed at all: one its directory marks inactive or defunct is not. */
export const listed = (s: Service): boolean => s.status !== 'inactive' && s.status !== 'defunct';

export interface Freshness {
  /** `YYYY-MM-DD` the record was last checked (assured), else last modified. */
  date?: string;
  days?: number;
  months?: number;
  stale: boolean;
}

/** The date a record was last checked: assuredDate, else the date part of lastModified. */
export const checkedDate = (service: Service): string | undefined => checkedOf(service.assuredDate, service.lastModified);

/** `checkedDate` from the two dates themselves (the blender reads them once, from its own copy). */
export function checkedOf(assuredDate: string | undefined, lastModified: string | undefined): string | undefined {
  for (const d of [assuredDate, lastModified]) {
    const m = d ? /^\d{4}-\d{2}-\d{2}/.exec(d) : null;
    if (m && !Number.isNaN(Date.parse(m[0]))) return m[0];
  }
  return undefined;
}

/** How long ago a record was checked, and whether that is longer ago than `staleDays` (default STALE_DAYS). */
export function freshness(service: Service, now: Date, staleDays?: number): Freshness {
  const date = checkedDate(service);
  if (!date) return { stale: false };
  const today = localParts(now).day;
  const days = today - dayNumber(date)!;
  const [y, m] = date.split('-').map(Number);
  const t = new Date(today * DAY_MS);
  const months = (t.getUTCFullYear() - y) * 12 + (t.getUTCMonth() + 1 - m);
  return { date, days, months, stale: days > staleWindow(staleDays) };
}

export const COMPLETENESS_FIELDS = REQUIRE_FIELDS;
export type CompletenessField = RequireField;

/** Whether the record states one of the fields a social prescriber needs. */
export function states(service: Service, field: CompletenessField): boolean {
  switch (field) {
    case 'times':
      return compileService(service).known || !!service.schedules?.some((s) => s.description?.trim());
    case 'location':
      return !!service.locations?.some((l) => typeof l.lat === 'number' || !!l.address?.postcode || !!l.address?.street);
    case 'contact':
      return !!(service.phones?.length || service.email || service.url || service.contacts?.some((c) => c.email || c.phones?.length));
    case 'ages':
      return !!service.ages && (service.ages.min !== undefined || service.ages.max !== undefined);
    case 'access':
      return !!service.access?.length;
    case 'cost':
      return !!service.cost;
    case 'description':
      return !!service.description?.trim();
  }
}

/**
 * What a referral cannot do without: what the service is, how to get in touch, and how people get
 * in (drop-in, self-referral, a professional's referral…). Where and when matter for going, not
 * for referring (many services are by phone or online), so a record lacking them is not counted.
 */
export const REFERRAL_FIELDS = ['description', 'contact', 'access'] as const satisfies readonly CompletenessField[];

/** The fields of `REFERRAL_FIELDS` a record does not state. */
export const referralGaps = (service: Service): CompletenessField[] => REFERRAL_FIELDS.filter((f) => !states(service, f));

export function completeness(service: Service): { score: number; missing: CompletenessField[] } {
  const missing = COMPLETENESS_FIELDS.filter((f) => !states(service, f));
  return { score: (COMPLETENESS_FIELDS.length - missing.length) / COMPLETENESS_FIELDS.length, missing };
}

export interface Facet {
  name: string;
  count: number;
}

function count(services: Service[], get: (s: Service) => Array<{ name: string }> | undefined): Facet[] {
  const counts = new Map<string, Facet>();
  for (const s of services) {
    const seen = new Set<string>();
    for (const t of get(s) ?? []) {
      const name = t.name.trim();
      const key = normalise(name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const f = counts.get(key);
      if (f) f.count++;
      else counts.set(key, { name, count: 1 });
    }
  }
  // Ties in the order of their folded names (no accents or capitals): `localeCompare` starts ICU's collator,
  // 50 ms of a page's first recompute in a CPU profile on a 2-core machine.
  return [...counts].sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0)).map(([, f]) => f);
}

/** Eligibility and category terms of the listed services, most common first (a term only closed services have finds nothing). */
export function facets(services: Service[]): { eligibility: Facet[]; categories: Facet[] } {
  const shown = services.filter(listed);
  return { eligibility: count(shown, (s) => s.eligibility), categories: count(shown, (s) => s.categories) };
}
