/**
 * The detail view's trust signals, referral and "what to expect" (docs/trust.md): a temporary closure and the
 * directory's notice said at the top, how to get referred, what to expect at an OpenActive session (pictures,
 * level, leader, the venue's facilities), accreditations, each directory's own check date, and a "suggest a
 * change" link per directory. All text is the directories' own, rendered as text, never as HTML.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { BlendedService } from '../../model/index.js';
import type { Localizer } from '../../i18n/index.js';
import { safeHref } from '../internal/words.js';
import { feedbackHref } from './feedback.js';

/** "Temporarily closed" and the directory's notice, said before anything else about the service. */
export function statusNotices(l: Localizer, s: BlendedService): TemplateResult | typeof nothing {
  const { m } = l;
  const closed = s.status === 'temporarily-closed';
  if (!closed && !s.alert) return nothing;
  return html`<div class="notices">
    ${closed ? html`<p class="closed-notice"><strong>${m.trust.temporarilyClosed}.</strong> ${m.trust.temporarilyClosedDetail}</p>` : nothing}
    ${s.alert ? html`<p class="alert-notice"><strong>${m.trust.alert}:</strong> ${s.alert}</p>` : nothing}
  </div>`;
}

/** "How to get referred": how people get in, how to apply, and the directory's notes on access. */
export function referral(l: Localizer, s: BlendedService): TemplateResult {
  const { m } = l;
  const stated = !!(s.access?.length || s.applicationProcess || s.accessNote);
  return html`<h3>${m.trust.referral}</h3>
    ${s.access?.length ? html`<p>${l.listOwn(s.access.map((a) => m.access[a]))}</p>` : nothing}
    ${s.applicationProcess ? html`<p class="application">${s.applicationProcess}</p>` : nothing}
    ${s.accessNote && s.accessNote !== s.applicationProcess ? html`<p>${s.accessNote}</p>` : nothing}
    ${stated ? nothing : html`<p>${m.service.notStated}</p>`}`;
}

/**
 * "What to expect" at an OpenActive session: pictures (http(s) only, fetched only when this view shows them,
 * none at all with `noImages`), level, who leads it, the venue's facilities. Nothing when none is stated.
 */
export function expect(l: Localizer, s: BlendedService, noImages: boolean): TemplateResult | typeof nothing {
  const { m } = l;
  const images = noImages ? [] : (s.images ?? []).map((u) => safeHref(u)).filter((u): u is string => !!u);
  const amenities = [...new Set((s.locations ?? []).flatMap((loc) => loc.amenities ?? []))];
  if (!images.length && !s.levels?.length && !s.leaders?.length && !amenities.length) return nothing;
  const alt = l.t(m.trust.image, { name: s.name });
  return html`<h3>${m.trust.expect}</h3>
    ${images.map((src) => html`<img class="picture" src=${src} alt=${alt} loading="lazy" decoding="async" referrerpolicy="no-referrer" />`)}
    <ul class="plain">
      ${s.levels?.length ? html`<li>${l.t(m.trust.level, { list: l.list(s.levels) })}</li>` : nothing}
      ${s.leaders?.length ? html`<li>${l.t(m.trust.leader, { list: l.list(s.leaders) })}</li>` : nothing}
      ${amenities.length ? html`<li>${l.t(m.trust.amenities, { list: l.list(amenities) })}</li>` : nothing}
    </ul>`;
}

/** The directory's accreditations, in its own words. */
export function accreditations(l: Localizer, s: BlendedService): TemplateResult | typeof nothing {
  return s.accreditations
    ? html`<h3>${l.m.trust.accreditations}</h3>
        <p>${s.accreditations}</p>`
    : nothing;
}

/** Each directory's own check date, when a service was found in more than one. */
export function checks(l: Localizer, s: BlendedService): TemplateResult | typeof nothing {
  const { m } = l;
  const byDirectory = new Map<string, { name: string; checked?: string }>();
  for (const src of s.sources) {
    const known = byDirectory.get(src.directory.id);
    if (!known || (src.checked && (!known.checked || src.checked > known.checked)))
      byDirectory.set(src.directory.id, { name: src.directory.name, checked: src.checked });
  }
  if (byDirectory.size < 2) return nothing;
  return html`<ul class="plain checks">
    ${[...byDirectory.values()].map(
      (d) =>
        html`<li>
          ${d.checked ? l.t(m.trust.checkedBy, { name: d.name, date: l.day(d.checked) }) : l.t(m.trust.checkedByUnknown, { name: d.name })}
        </li>`,
    )}
  </ul>`;
}

/**
 * "Suggest a change" for each directory that gives a feedback address, with the record's id put in its
 * template; else "report a problem" by email to the service, when it has one.
 */
export function suggestions(l: Localizer, s: BlendedService): TemplateResult | typeof nothing {
  const { m } = l;
  const links = new Map<string, { href: string; name: string }>();
  for (const src of s.sources) {
    if (links.has(src.directory.id)) continue;
    const id = src.key.startsWith(`${src.directory.id}:`) ? src.key.slice(src.directory.id.length + 1) : s.id;
    const href = feedbackHref(src.directory.feedbackUrl, id);
    if (href) links.set(src.directory.id, { href, name: src.directory.name });
  }
  if (!links.size) {
    return s.email
      ? html`<p><a href="mailto:${s.email}?subject=${encodeURIComponent(s.name)}" rel="noopener noreferrer">${m.service.report}</a></p>`
      : nothing;
  }
  const named = links.size > 1;
  return html`${[...links.values()].map(
    (x) =>
      html`<p>
        <a class="suggest" href=${x.href} rel="noopener noreferrer" target="_blank">${m.trust.suggest}${named ? ` (${x.name})` : ''}</a>
      </p>`,
  )}`;
}
