/**
 * ORUK v3 / HSDS 3 (UK profile): `GET /` answers with `version`; pages are
 * `{ contents, total_pages, page_number, last_page }`; ages sit on the
 * service (-1 for unset); `schedules` in iCal terms; terms as
 * `attributes[].taxonomy_term`.
 */
import type { Location, Schedule, Service, Term } from '../model/index.js';
import { base, type Dialect } from './dialect.js';
import { ELIGIBILITY_VOCABULARY, contacts, cost, organisation, schedule } from './oruk-v1.js';
import {
  accessTypes,
  address,
  ageRange,
  attendanceModes,
  compact,
  date,
  dateTime,
  description,
  email,
  httpUrl,
  identifier,
  isObject,
  label,
  latLng,
  nonEmpty,
  objects,
  phone,
  status,
  terms,
  text,
  uniqueBy,
  type Raw,
} from './normalise.js';

function location(l: Raw): Location | undefined {
  const addresses = objects(l.addresses);
  const physical = addresses.find((a) => label(a.address_type) !== 'postal') ?? addresses[0];
  const point = latLng(l.latitude, l.longitude);
  return compact<Location>(
    {
      id: identifier(l.id),
      name: label(l.name),
      description: text(l.description),
      address: address(physical),
      lat: point?.lat,
      lng: point?.lng,
      accessibility: nonEmpty(
        objects(l.accessibility)
          .map((a) => label(a.description ?? a.details))
          .filter((a): a is string => !!a),
      ),
    },
    true,
  );
}

/** Which part of the model a taxonomy term belongs to, by its taxonomy's name. */
function kind(term: Raw): 'access' | 'attendance' | 'eligibility' | 'category' {
  const taxonomy = `${label(term.taxonomy) ?? ''} ${label(isObject(term.taxonomy_detail) ? term.taxonomy_detail.name : undefined) ?? ''}`;
  if (/access/i.test(taxonomy)) return 'access';
  if (/attend|deliver/i.test(taxonomy)) return 'attendance';
  if (ELIGIBILITY_VOCABULARY.test(taxonomy)) return 'eligibility';
  return 'category';
}

export const orukV3: Dialect = {
  name: 'oruk-v3',
  toService(r, directory) {
    const s: Service = base(identifier(r.id)!, label(r.name)!, directory);
    const sals = objects(r.service_at_locations);
    const termsByKind = { access: [] as Raw[], attendance: [] as Raw[], eligibility: [] as Raw[], category: [] as Raw[] };
    for (const a of objects(r.attributes)) if (isObject(a.taxonomy_term)) termsByKind[kind(a.taxonomy_term)].push(a.taxonomy_term);
    const termName = (t: Raw) => t.name ?? t.term;
    const schedules: Schedule[] = [
      ...objects(r.schedules).map((x) => schedule(x)),
      ...sals.flatMap((sal) => {
        const locationId = identifier(isObject(sal.location) ? sal.location.id : sal.location_id);
        return [...objects(sal.schedules), ...objects(isObject(sal.location) ? sal.location.schedules : undefined)].map((x) =>
          schedule(x, locationId),
        );
      }),
    ].filter((x): x is Schedule => !!x);
    const attendingText = [...objects(r.schedules), ...sals.flatMap((sal) => objects(sal.schedules))].map((x) => x.attending_type);
    const contactList = contacts(objects(r.contacts));
    const phones = [
      ...objects(r.phones).map((p) => phone(p.number, p.description)),
      ...(contactList?.flatMap((c) => c.phones ?? []) ?? []),
    ].filter((p) => !!p);
    Object.assign(
      s,
      description(r.description),
      compact<Partial<Service>>({
        url: httpUrl(r.url),
        email: email(r.email),
        phones: nonEmpty(uniqueBy(phones, (p) => p.number)),
        contacts: contactList,
        organisation: organisation(r.organization),
        status: status(r.status),
        access: accessTypes(termsByKind.access.map(termName)),
        applicationProcess: text(r.application_process),
        alert: text(r.alert),
        accreditations: text(r.accreditations),
        attendance: attendanceModes(termsByKind.attendance.map(termName), attendingText),
        ages: ageRange(r.minimum_age, r.maximum_age),
        eligibility: terms(termsByKind.eligibility, termName, (t) => t.taxonomy) as Term[] | undefined,
        categories: terms(termsByKind.category, termName, (t) => t.taxonomy),
        locations: nonEmpty(sals.map((sal) => (isObject(sal.location) ? location(sal.location) : undefined)).filter((l) => !!l)),
        schedules: nonEmpty(schedules),
        cost: cost(objects(r.cost_options), r.fees),
        languages: nonEmpty(
          objects(r.languages)
            .map((l) => label(l.name ?? l.code))
            .filter((l): l is string => !!l),
        ),
        serviceAreas: nonEmpty(
          objects(r.service_areas)
            .map((a) => label(a.name ?? a.service_area))
            .filter((a): a is string => !!a),
        ),
        assuredDate: date(r.assured_date),
        lastModified: dateTime(r.last_modified),
      }),
    );
    return s;
  },
};
