/**
 * A snapshot: whole directories read once (`service-finder harvest`) into one
 * JSON file that any static host or CDN can serve. Its services are in the
 * model's shape, but a snapshot is data from elsewhere like any directory:
 * each record is read again field by field with the readers every dialect
 * uses, and kept under the endpoint it was read from. The directories a
 * record names are kept for display and blending, inside that endpoint
 * (`<endpoint id>/<directory>`, see `src/model/directory.ts`), so a snapshot
 * can never stand in for another endpoint's records.
 */
import type {
  AccessType,
  AttendanceMode,
  Closure,
  Cost,
  DayRule,
  DirectoryRef,
  Location,
  Schedule,
  Service,
  Session,
} from '../model/index.js';
import { ACCESS_TYPES, ATTENDANCE_MODES, DIRECTORY_SEPARATOR, MAX_ITEMS, MAX_SESSIONS, WEEKDAYS } from '../model/index.js';
import { base, type Dialect } from './dialect.js';
import { contacts, organisation } from './oruk-v1.js';
import {
  ageRange,
  compact,
  count,
  currency,
  date,
  dateTime,
  description,
  email,
  freq,
  httpUrl,
  identifier,
  imageUrls,
  isObject,
  label,
  latLng,
  longText,
  nonEmpty,
  num,
  objects,
  phone,
  postcode,
  slug,
  status,
  terms,
  text,
  time,
  timezone,
  uniqueBy,
  type Raw,
} from './normalise.js';

export { isSnapshot, type Snapshot } from './snapshot-detect.js';

/** The items of a list of strings that are one of `allowed`. */
function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T[] | undefined {
  const out = new Set<T>();
  for (const x of Array.isArray(v) ? v.slice(0, MAX_ITEMS) : []) {
    const t = typeof x === 'string' ? (allowed as readonly string[]).find((a) => a === x) : undefined;
    if (t) out.add(t as T);
  }
  return out.size ? [...out] : undefined;
}

/** Strings of a list, each a label. */
const labels = (v: unknown): string[] | undefined =>
  nonEmpty((Array.isArray(v) ? v.slice(0, MAX_ITEMS) : []).map((x) => label(x)).filter((x): x is string => x !== undefined));

/** A `BYDAY` entry: a weekday, and its nth occurrence when it has one (±1–53). */
function dayRule(v: unknown): DayRule | undefined {
  if (!isObject(v) || typeof v.day !== 'string') return undefined;
  const day = WEEKDAYS.find((d) => d === v.day);
  if (!day) return undefined;
  const nth = num(v.nth);
  return nth !== undefined && Number.isInteger(nth) && nth !== 0 && Math.abs(nth) <= 53 ? { day, nth } : { day };
}

function schedule(s: Raw): Schedule | undefined {
  const rule = compact<Schedule>({
    freq: freq(s.freq),
    interval: num(s.interval),
    byday: nonEmpty(
      objects(s.byday)
        .map(dayRule)
        .filter((d) => d !== undefined),
    ),
    bymonthday: nonEmpty(
      (Array.isArray(s.bymonthday) ? s.bymonthday.slice(0, MAX_ITEMS) : []).filter(
        (d): d is number => Number.isInteger(d) && d !== 0 && Math.abs(d) <= 31,
      ),
    ),
    opensAt: time(s.opensAt),
    closesAt: time(s.closesAt),
    dtstart: date(s.dtstart),
    until: date(s.until),
    count: num(s.count),
    wkst: WEEKDAYS.find((d) => d === s.wkst),
    validFrom: date(s.validFrom),
    validTo: date(s.validTo),
    timezone: timezone(s.timezone),
    description: text(s.description),
    notes: text(s.notes),
    locationId: identifier(s.locationId),
  });
  return rule.freq || rule.byday || rule.description || rule.opensAt ? rule : undefined;
}

function closure(c: Raw): Closure | undefined {
  const startDate = date(c.startDate);
  const endDate = date(c.endDate) ?? startDate;
  if (!startDate || !endDate) return undefined;
  return compact({
    startDate,
    endDate,
    closed: c.closed === true,
    opensAt: time(c.opensAt),
    closesAt: time(c.closesAt),
    description: text(c.description),
  });
}

function session(x: Raw): Session | undefined {
  const start = dateTime(x.start);
  if (!start) return undefined;
  return compact<Session>({
    id: identifier(x.id),
    start,
    end: dateTime(x.end),
    cancelled: x.cancelled === true ? true : undefined,
    locationId: identifier(x.locationId),
    remaining: count(x.remaining),
  });
}

function location(l: Raw): Location | undefined {
  const a = isObject(l.address) ? l.address : undefined;
  const point = latLng(l.lat, l.lng);
  return compact<Location>(
    {
      id: identifier(l.id),
      name: label(l.name),
      description: text(l.description),
      address: a
        ? compact(
            {
              street: label(a.street),
              town: label(a.town),
              region: label(a.region),
              postcode: postcode(a.postcode),
              country: label(a.country),
            },
            true,
          )
        : undefined,
      lat: point?.lat,
      lng: point?.lng,
      accessibility: labels(l.accessibility),
      amenities: labels(l.amenities),
    },
    true,
  );
}

function cost(c: unknown): Cost | undefined {
  if (!isObject(c) || typeof c.free !== 'boolean') return undefined;
  const options = objects(c.options)
    .map((o) =>
      compact({ option: label(o.option), amount: num(o.amount), currency: currency(o.currency), description: text(o.description) }, true),
    )
    .filter((o) => o !== undefined);
  return compact<Cost>({ free: c.free, options: nonEmpty(options), text: text(c.text) });
}

/**
 * The directory a snapshot's record names, inside the endpoint it was read from: its id prefixed with the
 * endpoint's, its name kept for display, the endpoint's address (where it was read). A record that names none
 * is the endpoint's own.
 */
function namedDirectory(d: unknown, endpoint: DirectoryRef): DirectoryRef {
  const claimed = isObject(d) ? identifier(d.id) : undefined;
  const part = claimed ? slug(claimed) : '';
  if (!isObject(d) || !part) return endpoint;
  return compact<DirectoryRef>({
    id: `${endpoint.id}${DIRECTORY_SEPARATOR}${part}`,
    name: label(d.name) ?? endpoint.name,
    url: endpoint.url,
    feedbackUrl: httpUrl(d.feedbackUrl),
  });
}

export const snapshot: Dialect = {
  name: 'snapshot',
  toService(r, endpoint) {
    const s: Service = base(identifier(r.id)!, label(r.name)!, namedDirectory(r.directory, endpoint));
    // The plain text as harvested; the HTML, when there is one, read as any directory's.
    const html = typeof r.descriptionHtml === 'string' ? description(r.descriptionHtml) : {};
    const phones = uniqueBy(
      objects(r.phones)
        .map((p) => phone(p.number, p.description))
        .filter((p) => p !== undefined),
      (p) => p.number,
    );
    Object.assign(
      s,
      compact<Partial<Service>>({
        description: longText(r.description) ?? html.description,
        descriptionHtml: html.descriptionHtml,
        url: httpUrl(r.url),
        email: email(r.email),
        phones: nonEmpty(phones),
        contacts: contacts(objects(r.contacts)),
        organisation: organisation(r.organisation),
        status: status(r.status),
        access: oneOf<AccessType>(r.access, ACCESS_TYPES),
        accessNote: text(r.accessNote),
        applicationProcess: text(r.applicationProcess),
        alert: text(r.alert),
        accreditations: text(r.accreditations),
        images: imageUrls(r.images),
        levels: labels(r.levels),
        leaders: labels(r.leaders),
        attendance: oneOf<AttendanceMode>(r.attendance, ATTENDANCE_MODES),
        ages: isObject(r.ages) ? ageRange(r.ages.min, r.ages.max) : undefined,
        eligibility: terms(
          objects(r.eligibility),
          (t) => t.name,
          (t) => t.vocabulary,
        ),
        categories: terms(
          objects(r.categories),
          (t) => t.name,
          (t) => t.vocabulary,
        ),
        locations: nonEmpty(
          objects(r.locations)
            .map(location)
            .filter((l) => l !== undefined),
        ),
        schedules: nonEmpty(
          objects(r.schedules)
            .map(schedule)
            .filter((x) => x !== undefined),
        ),
        closures: nonEmpty(
          objects(r.closures)
            .map(closure)
            .filter((x) => x !== undefined),
        ),
        sessions: nonEmpty(
          objects(r.sessions, MAX_SESSIONS)
            .map(session)
            .filter((x) => x !== undefined),
          MAX_SESSIONS,
        ),
        cost: cost(r.cost),
        languages: labels(r.languages),
        serviceAreas: labels(r.serviceAreas),
        assuredDate: date(r.assuredDate),
        lastModified: dateTime(r.lastModified),
      }),
    );
    return s;
  },
};
