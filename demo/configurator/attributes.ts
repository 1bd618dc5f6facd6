/**
 * From what a web editor chose to the `<service-finder>` attributes that say it: the one list the preview is
 * built from and both snippets are written from, so what is copied is what was seen.
 */
import type { PastedDirectory } from './directories.js';
import { webAddress } from './directories.js';
import { PRESETS, type Preset, type PresetValue } from './presets.js';

/** An attribute: its value, or true for a boolean attribute written bare. */
export type Attribute = readonly [name: string, value: string | true];

/** What was chosen, by preset attribute. */
export type Choices = ReadonlyMap<string, PresetValue>;

/** The furthest a preset radius may be, in miles (as the WordPress shortcode allows). */
export const MAX_RADIUS_MILES = 1000;

/** A preset's attribute value for what was chosen, or the reason it cannot be used; nothing when nothing applies. */
export function presetAttribute(preset: Preset, chosen: PresetValue | undefined): { value?: string | true; error?: string } {
  if (chosen === undefined || chosen === false) return {};
  if (preset.kind === 'flag') return { value: true };
  if (preset.kind === 'words') {
    const list = typeof chosen === 'object' ? chosen : [];
    const allowed = preset.options?.map(([v]) => v);
    // The element's order, not the order of ticking: the same choices always write the same snippet.
    const words = allowed ? allowed.filter((v) => list.includes(v)) : list.map((w) => w.trim()).filter(Boolean);
    const separator = preset.separator ?? ' ';
    // A category named "Advice, guidance" would read as two: the element splits the attribute at commas.
    const unsplittable = separator === ',' ? words.find((w) => w.includes(separator)) : undefined;
    if (unsplittable) return { error: `“${unsplittable}” cannot be preset: the finder would read the comma in it as two names.` };
    const value = words.join(separator);
    return value && value !== preset.default ? { value } : {};
  }
  const text = String(chosen).replace(/\s+/g, ' ').trim();
  if (!text) return {};
  switch (preset.kind) {
    case 'number': {
      const n = Number(text);
      if (!/^\d+(\.\d+)?$/.test(text) || n <= 0 || n > MAX_RADIUS_MILES)
        return { error: `Enter a number of miles from 0.1 to ${MAX_RADIUS_MILES}, such as 3.` };
      return { value: String(n) };
    }
    case 'url':
      return webAddress(text) ? { value: text } : { error: 'Enter an address that starts with https:// or http://.' };
    case 'choice':
      return preset.options?.some(([v]) => v === text) && text !== preset.default ? { value: text } : {};
    default:
      return { value: text };
  }
}

/** The directories as the element takes them: `endpoints` when none is named, else `directories` (JSON, with names). */
export function directoryAttribute(directories: readonly PastedDirectory[]): Attribute | undefined {
  if (!directories.length) return undefined;
  if (directories.some((d) => d.name)) return ['directories', JSON.stringify(directories)];
  return ['endpoints', directories.map((d) => d.url).join(' ')];
}

/** Every attribute the choices write, directories first, then the presets in their order; and each preset's error. */
export function elementAttributes(
  directories: readonly PastedDirectory[],
  choices: Choices,
): { attributes: Attribute[]; errors: Map<string, string> } {
  const attributes: Attribute[] = [];
  const errors = new Map<string, string>();
  const dirs = directoryAttribute(directories);
  if (dirs) attributes.push(dirs);
  for (const preset of PRESETS) {
    const { value, error } = presetAttribute(preset, choices.get(preset.attr));
    if (error) errors.set(preset.attr, error);
    else if (value !== undefined) attributes.push([preset.attr, value]);
  }
  return { attributes, errors };
}
