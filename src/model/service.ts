/**
 * The one normalised shape that the engine, the store and the elements read.
 *
 * Rule for every optional field: **absent means "not stated"** by the
 * directory. Adapters never write an empty string, an empty array or a
 * placeholder such as -1 for something the directory did not say; they leave
 * the field out. A stated "no" has its own value (`cost.free === false`,
 * `status: 'inactive'`, an age range with both bounds, …). So a filter can
 * always tell "known not to match" from "unknown" (see docs/architecture.md,
 * "Unknown is not no").
 */

/** How a person gets to use a service. */
export const ACCESS_TYPES = ['drop-in', 'appointment', 'self-referral', 'professional-referral', 'membership', 'assessment'] as const;
export type AccessType = (typeof ACCESS_TYPES)[number];

/** How a service is delivered. */
export const ATTENDANCE_MODES = ['in-person', 'online', 'phone', 'home-visit'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily-closed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** iCalendar weekday codes, Monday first. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The directory a record was read from. */
export interface DirectoryRef {
  /** Short stable id, used in record keys: `<directory id>:<record id>`. */
  id: string;
  /** Human name shown on every record ("Bristol Council directory"). */
  name: string;
  /** The base URL the directory was read from. */
  url: string;
  /**
   * Where a person suggests a change to a record, when the directory says: a template in which `{id}`
   * becomes the record's id, URL-encoded (`https://…/feedback?service={id}`); without `{id}`, one address
   * for every record.
   */
  feedbackUrl?: string;
}

/** The vocabulary of eligibility terms read from OpenActive `accessibilitySupport` ("Visual impairment"). */
export const ACCESSIBILITY_SUPPORT_VOCABULARY = 'openactive-accessibility-support';

/** A term from a vocabulary: a category, an eligibility term, a circumstance. */
export interface Term {
  id?: string;
  name: string;
  /** The vocabulary or taxonomy the term comes from ("esdServiceTypes", "suitabilities"). */
  vocabulary?: string;
}

/** Inclusive age range in whole years. A missing bound is open on that side. */
export interface AgeRange {
  min?: number;
  max?: number;
}

export interface Address {
  /** Street lines joined with ", ". */
  street?: string;
  town?: string;
  region?: string;
  /** Upper-case, single-spaced UK postcode where one was recognised. */
  postcode?: string;
  country?: string;
}

export interface Location {
  id?: string;
  name?: string;
  description?: string;
  address?: Address;
  /** WGS84; present only when both are finite and in range. */
  lat?: number;
  lng?: number;
  /** Accessibility notes for the venue ("Wheelchair accessible entrance"). */
  accessibility?: string[];
  /** What the venue states it has (OpenActive `amenityFeature` with `value: true`: "Changing Facilities", "Hearing loop"). */
  amenities?: string[];
}

export interface Phone {
  number: string;
  description?: string;
}

export interface Contact {
  name?: string;
  title?: string;
  email?: string;
  phones?: Phone[];
}

export interface Organisation {
  id?: string;
  name: string;
  description?: string;
  url?: string;
  email?: string;
}

/** One `BYDAY` entry: a weekday, optionally its nth occurrence in the month (`2MO`, `-1FR`). */
export interface DayRule {
  day: Weekday;
  nth?: number;
}

/**
 * A recurring opening or session rule, in the iCalendar terms that ORUK v1
 * `regular_schedules` and v3 `schedules` both use. Dates are `YYYY-MM-DD`,
 * times `HH:MM` (24 h), local to `timezone` (Europe/London unless stated).
 */
export interface Schedule {
  freq?: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval?: number;
  byday?: DayRule[];
  bymonthday?: number[];
  opensAt?: string;
  closesAt?: string;
  dtstart?: string;
  until?: string;
  count?: number;
  wkst?: Weekday;
  validFrom?: string;
  validTo?: string;
  timezone?: string;
  /** The schedule in the directory's own words; shown when the rule cannot be read. */
  description?: string;
  notes?: string;
  /** The location this schedule applies to, when it is per location. */
  locationId?: string;
}

/** A holiday schedule: closed (or different hours) between two dates inclusive. */
export interface Closure {
  startDate: string;
  endDate: string;
  closed: boolean;
  opensAt?: string;
  closesAt?: string;
  description?: string;
}

/** A dated session, as OpenActive `ScheduledSession`s give them. ISO 8601 with offset. */
export interface Session {
  id?: string;
  start: string;
  end?: string;
  cancelled?: boolean;
  locationId?: string;
  /** Places left (OpenActive `remainingAttendeeCapacity`, or `remainingUses` of a slot): 0 is full. */
  remaining?: number;
}

export interface CostOption {
  /** Who or what the price is for ("Under 18s"). */
  option?: string;
  amount?: number;
  currency?: string;
  /** "per session", or the directory's free text. */
  description?: string;
}

export interface Cost {
  /** true: stated free; false: stated that it costs. */
  free: boolean;
  options?: CostOption[];
  /** Free text from the directory ("£2 a session, concessions available"). */
  text?: string;
}

export interface Service {
  /** `<directory id>:<record id>`: unique across all directories. */
  key: string;
  /** The record's id in its own directory. */
  id: string;
  directory: DirectoryRef;
  name: string;
  /** Plain text, whitespace folded. */
  description?: string;
  /**
   * The source's HTML, present only where the description was HTML.
   * Untrusted: render it only through the sanitiser (`sf-service` uses
   * DOMPurify and keeps http(s) links only). The data layer has no DOM to
   * sanitise with, so it never claims to have done so.
   */
  descriptionHtml?: string;
  /** http(s) only. */
  url?: string;
  email?: string;
  phones?: Phone[];
  contacts?: Contact[];
  organisation?: Organisation;
  status?: ServiceStatus;
  access?: AccessType[];
  /** The directory's own words about access ("Self referral via the website"). */
  accessNote?: string;
  /** How to apply or be referred, in the directory's words (HSDS `application_process`). */
  applicationProcess?: string;
  /** A short-term notice about the service, in the directory's words (ORUK `alert`: "Closed for refurbishment until May"). */
  alert?: string;
  /** Accreditations the directory states, as its free text (ORUK `accreditations`). */
  accreditations?: string;
  /** Pictures of the service or its venue: http(s) addresses only (OpenActive `image`). */
  images?: string[];
  /** Levels the session is for ("Beginner"), as OpenActive `level` names them. */
  levels?: string[];
  /** Who leads it (OpenActive `leader`): names only. */
  leaders?: string[];
  attendance?: AttendanceMode[];
  ages?: AgeRange;
  eligibility?: Term[];
  categories?: Term[];
  locations?: Location[];
  schedules?: Schedule[];
  closures?: Closure[];
  sessions?: Session[];
  cost?: Cost;
  languages?: string[];
  serviceAreas?: string[];
  /** `YYYY-MM-DD`: when the directory last checked the record. */
  assuredDate?: string;
  /** ISO date-time of the last change. */
  lastModified?: string;
  /**
   * Partial: the record is the directory's list summary (name, description, contact, access, assured
   * date). Its full record, with locations, times and ages, is published separately and not read yet;
   * fields it leaves out may still be stated there.
   */
  summary?: true;
}
