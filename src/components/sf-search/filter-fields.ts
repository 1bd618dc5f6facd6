import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { RequireField } from '../../model/index.js';
import type { Localizer } from '../../i18n/index.js';

/** The filters that narrow by when and how a service runs and how well it is listed. */
export interface WhenFields {
  date: string;
  openNow: boolean;
  hideStale: boolean;
  /** The fields asked for: empty when "enough detail to refer someone" is not ticked. */
  require: RequireField[];
}

/** The fields a record states, in words ("what it is, how to get in touch"). */
export const requireWords = (l: Localizer, fields: readonly RequireField[]): string => l.list(fields.map((f) => l.m.require[f]));

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
