/**
 * Outpost (Buckinghamshire's family information API): Spring pages, numeric
 * ids, `organisation`, GeoJSON `[lng, lat]`, `min_age`/`max_age`,
 * `regular_schedules[].weekday`, `suitabilities`, `accessibilities`,
 * `needs_referral`, `free`.
 */
import type { Location, Schedule, Service } from '../model/index.js';
import { base, type Dialect } from './dialect.js';
import { contacts, organisation } from './oruk-v1.js';
import {
  address,
  ageRange,
  compact,
  dateTime,
  dayRules,
  description,
  email,
  httpUrl,
  identifier,
  isObject,
  label,
  latLng,
  nonEmpty,
  num,
  objects,
  status,
  terms,
  text,
  time,
  type Raw,
} from './normalise.js';

function location(l: Raw): Location | undefined {
  const coordinates = isObject(l.geometry) && Array.isArray(l.geometry.coordinates) ? l.geometry.coordinates : [];
  const point = latLng(coordinates[1], coordinates[0]);
  return compact<Location>(
    {
      id: identifier(l.id),
      name: label(l.name),
      description: text(l.description),
      address: address(l),
      lat: point?.lat,
      lng: point?.lng,
      accessibility: nonEmpty(
        objects(l.accessibilities)
          .map((a) => label(a.name))
          .filter((a): a is string => !!a),
      ),
    },
    true,
  );
}

function schedule(s: Raw): Schedule | undefined {
  const byday = dayRules(s.weekday);
  const rule = compact<Schedule>({
    freq: byday ? 'WEEKLY' : undefined,
    byday,
    opensAt: time(s.opens_at),
    closesAt: time(s.closes_at),
    description: text(s.description),
  });
  return rule.freq || rule.description ? rule : undefined;
}

export const outpost: Dialect = {
  name: 'outpost',
  toService(r, directory) {
    const s: Service = base(identifier(r.id)!, label(r.name)!, directory);
    const options = objects(r.cost_options)
      .map((o) => compact({ option: label(o.option), amount: num(o.amount), description: label(o.cost_type) }, true))
      .filter((o) => o !== undefined);
    const free = r.free === true ? true : r.free === false || options.some((o) => (o.amount ?? 0) > 0) ? false : undefined;
    const contactList = contacts(objects(r.contacts));
    const phones = contactList?.flatMap((c) => c.phones ?? []);
    Object.assign(
      s,
      description(r.description),
      compact<Partial<Service>>({
        url: httpUrl(r.url),
        email: email(r.email),
        phones: nonEmpty(phones ?? []),
        contacts: contactList,
        organisation: organisation(r.organisation),
        status: status(r.status),
        // needs_referral: true says a professional must refer; false says a person can come themselves.
        access: r.needs_referral === true ? ['professional-referral'] : r.needs_referral === false ? ['self-referral'] : undefined,
        ages: ageRange(r.min_age, r.max_age),
        eligibility: terms(
          [...objects(r.suitabilities), ...objects(r.send_needs)],
          (t) => t.name,
          () => 'suitabilities',
        ),
        categories: terms(
          objects(r.taxonomies),
          (t) => t.name,
          () => 'taxonomies',
        ),
        locations: nonEmpty(
          objects(r.locations)
            .map(location)
            .filter((l) => !!l),
        ),
        schedules: nonEmpty(
          objects(r.regular_schedules)
            .map(schedule)
            .filter((x) => !!x),
        ),
        cost: free === undefined ? undefined : compact({ free, options: nonEmpty(options) }),
        lastModified: dateTime(r.updated_at),
      }),
    );
    return s;
  },
};
