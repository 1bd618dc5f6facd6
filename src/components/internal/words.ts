/**
 * Turning the normalised model into words in the person's language. Shared by
 * the results cards and the detail view; no DOM.
 */
import {
  httpHref,
  type AgeRange,
  type Cost,
  type Explanation,
  type FilterField,
  type Location,
  type Query,
  type Result,
  type Schedule,
  type Service,
} from '../../model/index.js';
import { capitalised, type Localizer } from '../../i18n/index.js';

/** One line for one explanation, from the query the person made (not the engine's English). */
export function explain(l: Localizer, e: Explanation, query: Query): string {
  const w = l.m.why;
  const list = (items: string[] | undefined) => l.list(items ?? [], 'disjunction');
  if (e.state === 'unknown') {
    const key = `${e.field}Unknown` as keyof typeof w;
    return key in w ? w[key] : w.completenessUnknown;
  }
  // Met through the needs vocabulary (a need asked for, or a category or keyword that names one): its
  // explanation comes in English and Welsh with the vocabulary.
  if (e.params?.how) return String((l.lang === 'cy' && e.params.cy) || e.detail);
  switch (e.field) {
    case 'text':
      return l.t(w.textMatch, { text: query.text?.trim() ?? '' });
    case 'need':
      return e.detail;
    case 'age':
      return query.age !== undefined
        ? l.t(w.ageMatch, { age: l.number(query.age) })
        : l.t(w.ageBandMatch, { band: query.ageBand ? l.m.ageBands[query.ageBand] : '' });
    case 'access':
      return l.t(w.accessMatch, { list: list(query.access?.map((a) => l.m.access[a])) });
    case 'attendance':
      return l.t(w.attendanceMatch, { list: list(query.attendance?.map((a) => l.m.attendance[a])) });
    case 'eligibility':
      return l.t(w.eligibilityMatch, { list: list(query.eligibility) });
    case 'category':
      return l.t(w.categoryMatch, { list: list(query.categories) });
    case 'availability':
      return w.availabilityMatch;
    case 'distance':
      return w.distanceMatch;
    case 'cost':
      return w.costMatch;
    case 'freshness':
      return l.t(w.freshnessMatch, { days: l.number(Number(e.params?.within ?? 0)) });
    case 'accessibility':
      return l.t(w.accessibilityMatch, {
        list: l.list(
          String(e.params?.accessibility ?? '')
            .split(', ')
            .filter(Boolean)
            .map((f) => featureName(l, f)),
        ),
      });
    case 'completeness':
      return w.completenessMatch;
  }
}

/** A feature's name in the person's language (ACCESSIBILITY_FEATURES); an unknown id as it is. */
export function featureName(l: Localizer, feature: string): string {
  const names = l.m.accessibilityFeatures;
  return Object.hasOwn(names, feature) ? names[feature as keyof typeof names] : feature;
}

/** " — Full: no places left" or " — 3 places left" after a session's time, when its feed says; else nothing. */
export function placesWords(l: Localizer, next: { remaining?: number }): string {
  const left = next.remaining;
  if (left === undefined) return '';
  return ` — ${left === 0 ? l.m.trust.fullDetail : l.p(l.m.trust.placesLeft, left, { n: l.number(left) })}`;
}

/** "what ages and when they run" for the partial-matches heading. */
export function unknownFields(l: Localizer, fields: Iterable<FilterField>): string {
  return l.listOwn([...new Set(fields)].map((f) => l.m.unknownWhat[f]));
}

/** "Ages not yet read for 600 records": what summaries still leave unstated in the results, as a sentence. */
export function unreadWords(l: Localizer, unread: { count: number; fields: FilterField[] }): string {
  const fields = l.listOwn([...new Set(unread.fields.map((f) => l.m.unreadWhat[f]))]);
  return capitalised(l.p(l.m.results.unread, unread.count, { fields }), l.locale);
}

/** `unknownFields` of what partial matches do not state. */
export function partialFields(l: Localizer, partial: Result[]): string {
  const fields = new Set<FilterField>();
  for (const r of partial) for (const e of r.explanations) if (e.state === 'unknown') fields.add(e.field);
  return unknownFields(l, fields);
}

/**
 * Where a service is, short enough for a card: its first place's name (or street) and town (or
 * postcode), and how many other places; for a service with no place that is delivered online or by
 * phone, how. Undefined when the record says neither.
 */
export function placeWords(l: Localizer, s: Pick<Service, 'locations' | 'attendance'>): string | undefined {
  const place = s.locations?.map(shortPlace).find(Boolean);
  if (place) {
    const others = s.locations!.length - 1;
    return others ? l.p(l.m.card.wherePlus, others, { place }) : l.t(l.m.card.where, { place });
  }
  const ways = s.attendance?.filter((a) => a !== 'in-person');
  return ways?.length && !s.locations?.length ? ways.map((a) => l.m.attendance[a]).join(' · ') : undefined;
}

function shortPlace(location: Location): string {
  const a = location.address;
  const parts = [location.name ?? a?.street, a?.town ?? a?.postcode];
  return parts.filter((p, i) => p && parts.indexOf(p) === i).join(', ');
}

export function costWords(l: Localizer, cost: Cost | undefined): string | undefined {
  if (!cost) return undefined;
  if (cost.free) return l.m.card.free;
  const parts =
    cost.options
      ?.map((o) => {
        const amount = o.amount !== undefined ? l.money(o.amount, o.currency) : '';
        return [o.option, amount, o.description].filter(Boolean).join(' ');
      })
      .filter(Boolean) ?? [];
  const text = cost.text ?? (parts.length ? parts.join('; ') : undefined);
  return text ? l.t(l.m.card.costs, { text }) : l.m.card.costsUnstated;
}

export function ageWords(l: Localizer, ages: AgeRange | undefined): string | undefined {
  if (!ages || (ages.min === undefined && ages.max === undefined)) return undefined;
  const s = l.m.service;
  if (ages.min !== undefined && ages.max !== undefined) return l.t(s.ages, { min: ages.min, max: ages.max });
  if (ages.min !== undefined) return l.t(s.agesFrom, { min: ages.min });
  return l.t(s.agesTo, { max: ages.max! });
}

/** "Tuesday 4 March, 10:00–12:00". */
export function whenWords(l: Localizer, next: { start: Date; end?: Date; allDay?: boolean }): string {
  const day = l.date(next.start);
  if (next.allDay) return day;
  const times = next.end
    ? l.t(l.m.schedule.times, { from: l.time(next.start), to: l.time(next.end) })
    : l.t(l.m.schedule.timesFrom, { from: l.time(next.start) });
  return `${day}, ${times}`;
}

const hhmm = (t: string | undefined) => (t && /^\d{1,2}:\d{2}/.test(t) ? t.slice(0, 5).padStart(5, '0') : undefined);

/**
 * A schedule in words ("Tuesdays 10:00–12:00", "First Monday of the month
 * 09:30–11:00"). A rule that cannot be put into words falls back to the
 * directory's own description; undefined when there is neither.
 */
export function scheduleWords(l: Localizer, s: Schedule): string | undefined {
  const sc = l.m.schedule;
  const from = hhmm(s.opensAt);
  const to = hhmm(s.closesAt);
  const times = from ? (to ? l.t(sc.times, { from, to }) : l.t(sc.timesFrom, { from })) : '';
  const plainDays = (s.byday ?? []).filter((d) => !d.nth);
  const nthDays = (s.byday ?? []).filter((d) => d.nth);
  const interval = s.interval ?? 1;
  let text: string | undefined;
  if (s.freq === 'DAILY' && !s.byday?.length && interval === 1) {
    text = l.t(sc.daily, { times });
  } else if ((s.freq === 'WEEKLY' || (!s.freq && plainDays.length)) && plainDays.length && !nthDays.length) {
    if (interval === 1) text = capitalised(l.t(sc.weekly, { days: l.listOwn(plainDays.map((d) => l.m.everyDay[d.day])), times }), l.locale);
    else if (interval === 2 && plainDays.length === 1) text = l.t(sc.fortnightly, { day: l.m.days[plainDays[0].day], times });
    else text = l.t(sc.everyN, { n: interval, days: l.listOwn(plainDays.map((d) => l.m.days[d.day])), times });
  } else if (s.freq === 'MONTHLY' && nthDays.length && !plainDays.length && interval === 1) {
    const nthWord = (n: number) =>
      n === -1 ? sc.nthLast : ({ 1: sc.nth1, 2: sc.nth2, 3: sc.nth3, 4: sc.nth4, 5: sc.nth5 } as Record<number, string>)[n];
    const parts = nthDays.map((d) =>
      nthWord(d.nth!) ? l.t(sc.monthlyNth, { nth: nthWord(d.nth!), day: l.m.days[d.day], times: '' }).trim() : undefined,
    );
    if (parts.every(Boolean)) text = `${l.listOwn(parts as string[])} ${times}`;
  } else if (s.freq === 'MONTHLY' && s.bymonthday?.length && !s.byday?.length && interval === 1) {
    text = l.t(sc.monthlyDate, { dates: l.list(s.bymonthday.map((d) => l.number(d))), times });
  }
  if (!text) return s.description?.trim() || undefined;
  const bounds = [
    s.validFrom || s.dtstart ? l.t(sc.from, { date: l.day((s.validFrom || s.dtstart)!) }) : '',
    s.validTo || s.until ? l.t(sc.until, { date: l.day((s.validTo || s.until)!) }) : '',
  ].filter(Boolean);
  return [text.replace(/\s+/g, ' ').trim(), ...bounds].join(', ');
}

/** Only http(s) URLs may become links; a relative one is read against the page's address. */
export function safeHref(url: string | undefined): string | undefined {
  return httpHref(url, location.href);
}

/** "3 months ago" from the engine's freshness. */
export function checkedWords(l: Localizer, f: { date?: string; days?: number; months?: number; stale: boolean }): string {
  if (!f.date || f.days === undefined) return l.m.card.checkedUnknown;
  if (f.days <= 0) return l.m.card.checkedToday;
  const ago =
    f.months && f.months >= 12
      ? l.ago(Math.floor(f.months / 12), 'year')
      : f.months && f.months >= 1
        ? l.ago(f.months, 'month')
        : f.days >= 7
          ? l.ago(Math.floor(f.days / 7), 'week')
          : l.ago(f.days, 'day');
  return l.t(l.m.card.checked, { ago });
}
