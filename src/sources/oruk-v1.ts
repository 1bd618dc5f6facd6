/**
 * ORUK v1 (HSDS-UK-1.0): Spring pages of services with nested
 * service_at_locations, regular_schedules, eligibilitys, service_taxonomys…
 * Also the Placecube variant: empty strings for nulls, HTML descriptions,
 * free-text attending_access ("Self referral"), pc_* extensions, and list
 * items without child arrays (the full record is at /services/{id}).
 */
import type { Closure, Contact, Cost, Location, Organisation, Schedule, Service, Term } from '../model/index.js';
import { MAX_ITEMS } from '../model/index.js';
import { base, type Dialect } from './dialect.js';
import { ANY_LENGTH, intern } from './intern.js';
import {
  accessTypes,
  address,
  ageRange,
  attendanceModes,
  compact,
  currency,
  date,
  dateTime,
  dayRules,
  description,
  email,
  freq,
  httpUrl,
  identifier,
  isObject,
  label,
  latLng,
  monthDays,
  nonEmpty,
  num,
  objects,
  phone,
  status,
  terms,
  text,
  time,
  timezone,
  uniqueBy,
  type Raw,
} from './normalise.js';

/** A service's organisation: its name and description repeat on each of its services, so one copy of each is kept. */
export function organisation(o: unknown): Organisation | undefined {
  if (!isObject(o)) return undefined;
  const name = intern(label(o.name), ANY_LENGTH);
  if (!name) return undefined;
  return compact({
    id: identifier(o.id),
    name,
    description: intern(description(o.description).description, ANY_LENGTH),
    url: httpUrl(o.url ?? o.website),
    email: email(o.email),
  });
}

export function schedule(s: Raw, locationId?: string): Schedule | undefined {
  const rule = compact<Schedule>({
    freq: freq(s.freq),
    interval: num(s.interval),
    byday: dayRules(s.byday),
    bymonthday: monthDays(s.bymonthday),
    opensAt: time(s.opens_at),
    closesAt: time(s.closes_at),
    dtstart: date(s.dtstart),
    until: date(s.until),
    count: num(s.count),
    wkst: dayRules(s.wkst)?.[0]?.day,
    validFrom: date(s.valid_from),
    validTo: date(s.valid_to),
    timezone: timezone(s.timezone),
    description: text(s.description),
    notes: text(s.notes),
    locationId,
  });
  if (rule.byday && !rule.freq) rule.freq = 'WEEKLY';
  return rule.freq || rule.description || rule.opensAt ? rule : undefined;
}

export function closure(h: Raw): Closure | undefined {
  const startDate = date(h.start_date);
  const endDate = date(h.end_date) ?? startDate;
  if (!startDate || !endDate) return undefined;
  return compact({
    startDate,
    endDate,
    closed: h.closed !== false && !time(h.opens_at),
    opensAt: time(h.opens_at),
    closesAt: time(h.closes_at),
    description: text(h.description),
  });
}

/** Free unless a price is stated; an unclear fee text still says it is not free. */
export function cost(options: Raw[], fees: unknown): Cost | undefined {
  const list = options
    .map((o) =>
      compact(
        { option: label(o.option), amount: num(o.amount), currency: currency(o.currency), description: text(o.amount_description) },
        true,
      ),
    )
    .filter((o) => o !== undefined);
  const words = text(fees);
  if (!list.length && !words) return undefined;
  const priced = list.some((o) => (o.amount ?? 0) > 0) || /£\s*[1-9]|\dp\b/.test(words ?? '');
  const statedFree = list.length ? list.every((o) => o.amount === 0) : /\bfree\b|no (charge|cost|fee)/i.test(words ?? '');
  const free = !priced && statedFree;
  return compact<Cost>({ free, options: nonEmpty(list), text: words });
}

function location(sal: Raw): Location | undefined {
  const l = isObject(sal.location) ? sal.location : undefined;
  if (!l) return undefined;

  const point = latLng(l.latitude, l.longitude);
  return compact<Location>(
    {
      id: identifier(l.id),
      name: label(l.name),
      description: text(l.description),
      address: address(objects(l.physical_addresses ?? l.addresses)[0]),
      lat: point?.lat,
      lng: point?.lng,
      accessibility: nonEmpty(
        objects(l.accessibility_for_disabilities ?? l.accessibility)
          .map((a) => label(a.accessibility ?? a.description))
          .filter((a): a is string => !!a),
      ),
    },
    true,
  );
}

export const ELIGIBILITY_VOCABULARY = /circumstance|eligib|audience|suitab|need/i;

function taxonomy(list: Raw[]): { categories?: Term[]; eligibility?: Term[] } {
  const all =
    terms(
      list.map((st) => (isObject(st.taxonomy) ? st.taxonomy : st)),
      (t) => t.name,
      (t) => t.vocabulary,
    ) ?? [];
  return {
    categories: nonEmpty(all.filter((t) => !ELIGIBILITY_VOCABULARY.test(t.vocabulary ?? ''))),
    eligibility: nonEmpty(all.filter((t) => ELIGIBILITY_VOCABULARY.test(t.vocabulary ?? ''))),
  };
}

/** Contacts, with at most MAX_ITEMS phone numbers among them all. */
export function contacts(list: Raw[]): Contact[] | undefined {
  let room = MAX_ITEMS;
  const out: Contact[] = [];
  for (const c of list) {
    const phones = uniqueBy(
      [phone(c.phone), ...objects(c.phones, room).map((p) => phone(p.number, p.description))].filter((p) => !!p),
      (p) => p.number,
      room,
    );
    room -= phones.length;
    const contact = compact<Contact>({ name: label(c.name), title: label(c.title), email: email(c.email), phones: nonEmpty(phones) }, true);
    if (contact) out.push(contact);
  }
  return nonEmpty(out);
}

export const orukV1: Dialect = {
  name: 'oruk-v1',
  toService(r, directory) {
    const id = identifier(r.id)!;
    const s: Service = base(id, label(r.name)!, directory);
    const sals = objects(r.service_at_locations);
    const eligibilitys = objects(r.eligibilitys);
    const tax = taxonomy(objects(r.service_taxonomys));
    const pc = isObject(r.pc_metadata) ? r.pc_metadata : {};
    const mins = eligibilitys.map((e) => num(e.minimum_age)).filter((n) => n !== undefined && n >= 0) as number[];
    const maxes = eligibilitys.map((e) => num(e.maximum_age)).filter((n) => n !== undefined && n >= 0) as number[];
    const people = [
      ...(terms(
        eligibilitys,
        (e) => e.eligibility,
        () => 'eligibility',
      ) ?? []),
      ...(terms(
        objects(r.pc_targetAudience),
        (a) => a.audienceType,
        () => 'targetAudience',
      ) ?? []),
      ...(tax.eligibility ?? []),
    ];
    const contactList = contacts(objects(r.contacts));
    const phones = contactList?.flatMap((c) => c.phones ?? []);
    Object.assign(
      s,
      description(r.description),
      compact<Partial<Service>>({
        url: httpUrl(r.url),
        email: email(r.email),
        phones: phones?.length ? phones : undefined,
        contacts: contactList,
        organisation: organisation(r.organization),
        status: status(r.status),
        access: accessTypes(r.attending_access),
        accessNote: text(r.pc_attendingAccess_additionalInfo),
        applicationProcess: text(r.application_process),
        alert: text(r.alert),
        accreditations: text(r.accreditations),
        attendance: attendanceModes(r.attending_type),
        ages: ageRange(
          r.minimum_age ?? (mins.length ? Math.min(...mins) : undefined),
          r.maximum_age ?? (maxes.length ? Math.max(...maxes) : undefined),
        ),
        eligibility: nonEmpty(people),
        categories: tax.categories,
        locations: nonEmpty(sals.map(location).filter((l) => !!l)),
        schedules: nonEmpty(
          [
            ...objects(r.regular_schedules).map((x) => schedule(x)),
            ...sals.flatMap((sal) =>
              objects(sal.regular_schedules).map((x) => schedule(x, identifier(isObject(sal.location) ? sal.location.id : undefined))),
            ),
          ].filter((x) => !!x),
        ),
        closures: nonEmpty(
          [...objects(r.holiday_schedules), ...sals.flatMap((sal) => objects(sal.holiday_schedules))].map(closure).filter((x) => !!x),
        ),
        cost: cost(objects(r.cost_options), r.fees),
        languages: nonEmpty(
          objects(r.languages)
            .map((l) => label(l.language ?? l.name))
            .filter((l): l is string => !!l),
        ),
        serviceAreas: nonEmpty(
          objects(r.service_areas)
            .map((a) => label(a.service_area ?? a.name))
            .filter((a): a is string => !!a),
        ),
        assuredDate: date(r.assured_date) ?? date(pc.date_assured),
        lastModified: dateTime(r.last_modified ?? pc.date_modified),
      }),
    );
    return s;
  },
};
