import type { AttendanceMode, Query, RequireField } from '../../model/index.js';
import { ATTENDANCE_MODES, DATE_PATTERN, REQUIRE_FIELDS } from '../../model/index.js';
import { REFERRAL_FIELDS } from '../../engine/quality.js';
import { flagProp, listProp, textProp, warnOnce } from '../internal/props.js';

/** The word in `require` that stands for the details a referral needs. */
const REFERRAL = 'referral';

interface FilterPresetProps extends HTMLElement {
  date?: string;
  openNow: boolean | string;
  attendance?: string | string[];
  hideStale: boolean | string;
  require?: string | string[];
}

const isOneOf =
  <T extends string>(allowed: readonly T[]) =>
  (v: string): v is T =>
    (allowed as readonly string[]).includes(v);

/**
 * The query the filter attributes ask for: `date`, `open-now`, `attendance`, `hide-stale`, `require`. A value the
 * finder does not know warns once and is left out; the rest still apply.
 */
export function filterPresets(host: FilterPresetProps): Query {
  const q: Query = {};
  const date = textProp(host, 'date', host.date, 'a date as YYYY-MM-DD');
  if (date && DATE_PATTERN.test(date) && !Number.isNaN(Date.parse(date))) q.date = date;
  else if (date) warnOnce(host, 'date', 'a date as YYYY-MM-DD', date);
  if (flagProp(host, 'openNow', host.openNow)) q.openNow = true;
  const attendance = listProp(host, 'attendance', host.attendance);
  const ways = attendance.filter(isOneOf<AttendanceMode>(ATTENDANCE_MODES));
  if (ways.length < attendance.length) warnOnce(host, 'attendance', ATTENDANCE_MODES.join(', '), host.attendance);
  if (ways.length) q.attendance = [...new Set(ways)];
  if (flagProp(host, 'hideStale', host.hideStale)) q.hideStale = true;
  // `require` with no value (an attribute written bare) asks for what a referral needs.
  if (host.require !== undefined && host.require !== null) {
    const words = listProp(host, 'require', host.require);
    const fields = (words.length ? words : [REFERRAL]).flatMap((w) => (w === REFERRAL ? [...REFERRAL_FIELDS] : [w]));
    const known = fields.filter(isOneOf<RequireField>(REQUIRE_FIELDS));
    if (known.length < fields.length) warnOnce(host, 'require', `${REFERRAL} or ${REQUIRE_FIELDS.join(', ')}`, host.require);
    if (known.length) q.require = [...new Set(known)];
  }
  return q;
}
