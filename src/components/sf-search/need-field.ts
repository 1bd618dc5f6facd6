import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Localizer } from '../../i18n/index.js';
import type { Need, NeedGroup } from '../../engine/needs/vocabulary.js';

type Labelled = Pick<Need | NeedGroup, 'label' | 'labelCy'>;

/** A need's or a group's label in the person's language. */
export const labelIn = (l: Localizer, x: Labelled): string => (l.lang === 'cy' && x.labelCy) || x.label;

/**
 * "What do you need help with?": one choice from the needs vocabulary, grouped as the vocabulary groups
 * them. Until the vocabulary has arrived it offers "Anything" (and a need already chosen, by its id).
 */
export function needField(
  l: Localizer,
  vocabulary: { groups: readonly NeedGroup[]; needs: readonly Need[] } | undefined,
  chosen: readonly string[],
): TemplateResult {
  const { m } = l;
  const value = chosen[0] ?? '';
  const needs = vocabulary?.needs ?? [];
  const groups = new Map<string, Need[]>();
  const loose: Need[] = [];
  const known = new Set((vocabulary?.groups ?? []).map((g) => g.id));
  for (const need of needs) {
    if (need.group && known.has(need.group)) groups.set(need.group, [...(groups.get(need.group) ?? []), need]);
    else loose.push(need);
  }
  const option = (need: Pick<Need, 'id'> & Partial<Labelled>) =>
    html`<option value=${need.id} ?selected=${need.id === value}>${need.label ? labelIn(l, need as Labelled) : need.id}</option>`;
  const unknown = value && !needs.some((n) => n.id === value) ? [{ id: value }] : [];
  return html`<div class="group" part="field">
    <label for="need">${m.search.need}</label>
    <span class="hint" id="need-hint">${m.search.needHint}</span>
    <select id="need" name="need" aria-describedby="need-hint" .value=${live(value)}>
      <option value="" ?selected=${!value}>${m.search.needAny}</option>
      ${(vocabulary?.groups ?? []).map((g) =>
        groups.has(g.id) ? html`<optgroup label=${labelIn(l, g)}>${groups.get(g.id)!.map(option)}</optgroup>` : '',
      )}
      ${loose.map(option)} ${unknown.map(option)}
    </select>
  </div>`;
}
