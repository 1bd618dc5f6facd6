/**
 * The fields behind the search form's "More filters": a file of their own, loaded when the form is first used
 * or the panel is first opened (most visits never open it).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AccessibilityFeature, AccessType, AttendanceMode, PartOfDay, RequireField, Weekday } from '../../model/index.js';
import { ACCESS_TYPES, ACCESSIBILITY_FEATURES, ATTENDANCE_MODES, PARTS_OF_DAY, WEEKDAYS } from '../../model/index.js';
import type { Localizer } from '../../i18n/index.js';

/** Most facet terms offered in one list. */
const MAX_TERMS = 40;

/** The terms the results use, most used first, as the store counts them. */
export type TermFacets = Record<'eligibility' | 'categories', Array<{ name: string; count: number }>>;

/** The filters that narrow by when and how a service runs and how well it is listed. */
export interface WhenFields {
  date: string;
  openNow: boolean;
  hideStale: boolean;
  /** The fields asked for: empty when "enough detail to refer someone" is not ticked. */
  require: RequireField[];
}

/** The fields a record states, in words ("what it is, how to get in touch"). */
export const requireWords = (l: Localizer, fields: readonly RequireField[]): string => l.listOwn(fields.map((f) => l.m.require[f]));

/** "On a date" and "Open now". */
export function whenField(l: Localizer, d: WhenFields): TemplateResult {
  const { m } = l;
  return html`<div class="group" part="field">
    <label for="date">${m.search.date}</label>
    <span class="hint" id="date-hint">${m.search.dateHint}</span>
    <input type="date" id="date" name="date" aria-describedby="date-hint" .value=${live(d.date)} />
    <div class="checkbox">
      <input type="checkbox" id="openNow" name="openNow" .checked=${live(d.openNow)} />
      <label for="openNow">${m.search.openNow}</label>
    </div>
  </div>`;
}

/**
 * "Hide listings that may be out of date" and "Only listings with enough detail to refer someone"; the hint
 * names the details, which are the page's `require` when it set one.
 */
export function listingFields(l: Localizer, d: WhenFields, referFields: readonly RequireField[]): TemplateResult {
  const { m } = l;
  const fields = d.require.length ? d.require : referFields;
  return html`<div class="group" part="field">
    <div class="checkbox">
      <input type="checkbox" id="hideStale" name="hideStale" .checked=${live(d.hideStale)} />
      <label for="hideStale">${m.search.hideStale}</label>
    </div>
    <div class="checkbox">
      <input type="checkbox" id="require" name="require" aria-describedby="require-hint" .checked=${live(d.require.length > 0)} />
      <label for="require">${m.search.require}</label>
    </div>
    <span class="hint checkbox-hint" id="require-hint">${l.t(m.search.requireHint, { list: requireWords(l, fields) })}</span>
  </div>`;
}

/** The draft's fields the panel shows. */
export interface MoreDraft extends WhenFields {
  access: AccessType[];
  attendance: AttendanceMode[];
  days: Weekday[];
  partsOfDay: PartOfDay[];
  accessibility: AccessibilityFeature[];
  eligibility: string[];
  categories: string[];
  free: boolean;
  strict: boolean;
}

/** The fields behind "More filters". */
export function morePanel(l: Localizer, d: MoreDraft, facets: TermFacets, referFields: readonly RequireField[]): TemplateResult {
  const { m } = l;
  return html`<div class="panel">
    ${checkboxes('access', m.search.access, ACCESS_TYPES, (a) => m.access[a], d.access)}
    ${checkboxes('attendance', m.search.attendance, ATTENDANCE_MODES, (a) => m.attendance[a], d.attendance)}
    ${checkboxes('days', m.search.days, WEEKDAYS, (w) => m.days[w], d.days)}
    ${checkboxes('partsOfDay', m.search.partsOfDay, PARTS_OF_DAY, (p) => m.partsOfDay[p], d.partsOfDay)}
    ${checkboxes('accessibility', m.trust.filter, ACCESSIBILITY_FEATURES, (f) => m.accessibilityFeatures[f], d.accessibility)}
    ${whenField(l, d)} ${terms('eligibility', m.search.eligibility, facets.eligibility, d.eligibility)}
    ${terms('categories', m.search.categories, facets.categories, d.categories)}
    <div class="group" part="field">
      <div class="checkbox">
        <input type="checkbox" id="free" name="free" .checked=${live(d.free)} />
        <label for="free">${m.search.free}</label>
      </div>
      <div class="checkbox">
        <input type="checkbox" id="strict" name="strict" .checked=${live(d.strict)} />
        <label for="strict">${m.search.strict}</label>
      </div>
    </div>
    ${listingFields(l, d, referFields)}
  </div>`;
}

function checkboxes<T extends string>(
  name: string,
  legend: string,
  values: readonly T[],
  label: (v: T) => string,
  chosen: T[],
): TemplateResult {
  return html`<div class="group" part="field">
    <fieldset>
      <legend>${legend}</legend>
      <div class="checkboxes">
        ${values.map(
          (v) =>
            html`<div class="checkbox">
              <input type="checkbox" id="${name}-${v}" name=${name} value=${v} .checked=${live(chosen.includes(v))} />
              <label for="${name}-${v}">${label(v)}</label>
            </div>`,
        )}
      </div>
    </fieldset>
  </div>`;
}

function terms(
  name: 'eligibility' | 'categories',
  legend: string,
  facets: TermFacets['eligibility'],
  chosen: string[],
): TemplateResult | typeof nothing {
  const names = [...new Set([...chosen, ...facets.slice(0, MAX_TERMS).map((f) => f.name)])];
  if (!names.length) return nothing;
  return html`<div class="group" part="field">
    <fieldset>
      <legend>${legend}</legend>
      <div class="terms">
        ${names.map(
          (v, i) =>
            html`<div class="checkbox">
              <input type="checkbox" id="${name}-${i}" name=${name} value=${v} .checked=${live(chosen.includes(v))} />
              <label for="${name}-${i}">${v}</label>
            </div>`,
        )}
      </div>
    </fieldset>
  </div>`;
}
