import { html, nothing, type TemplateResult } from 'lit';
import type { Query, RequireField, Service } from '../../model/index.js';
import { REQUIRE_FIELDS } from '../../model/index.js';
import { REFERRAL_FIELDS, states } from '../../engine/quality.js';
import type { Localizer } from '../../i18n/index.js';

/**
 * The details a referral needs (and any the search asked for with `require`) that a listing does not give,
 * in the catalogue's order: a link worker sees at once what to ask the service before referring.
 */
export function lacking(service: Service, query: Pick<Query, 'require'>): RequireField[] {
  const wanted = new Set<RequireField>([...REFERRAL_FIELDS, ...(query.require ?? [])]);
  return REQUIRE_FIELDS.filter((f) => wanted.has(f) && !states(service, f));
}

/** "This listing does not say how to get in touch, how to get in." — nothing when it says them all. */
export function lacksNote(l: Localizer, service: Service, query: Pick<Query, 'require'>): TemplateResult | typeof nothing {
  const missing = lacking(service, query);
  if (!missing.length) return nothing;
  return html`<p class="lacks">${l.t(l.m.service.lacks, { list: l.listOwn(missing.map((f) => l.m.require[f])) })}</p>`;
}
