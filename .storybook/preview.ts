// Controls and the docs tables come from custom-elements.json (`npm run analyze`): attributes,
// public properties, events (logged as actions), slots, CSS parts and custom properties.
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { SHORTLIST_KEY } from '../src/store/shortlist.js';

interface ArgType {
  type?: { name?: string };
  table?: { category?: string };
  control?: unknown;
  [key: string]: unknown;
}
interface Member {
  kind?: string;
  name: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  type?: { text?: string } | string;
  [key: string]: unknown;
}
interface Declaration {
  customElement?: boolean;
  members?: Member[];
  attributes?: Member[];
  [key: string]: unknown;
}

/** `string | undefined` → `string`, so Storybook offers a text box rather than a JSON editor. */
function plainType(item: Member): Member {
  const text = typeof item.type === 'string' ? item.type : item.type?.text;
  if (!text) return item;
  const parts = text
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t !== 'undefined' && t !== 'null');
  return parts.length === 1 && ['string', 'number', 'boolean'].includes(parts[0]) ? { ...item, type: { text: parts[0] } } : item;
}

/**
 * The manifest as Storybook should see it: only public, settable fields as properties (the analyzer
 * also lists private `#fields`, getters and fields that already appear as attributes).
 */
function forControls(source: typeof manifest) {
  const copy = structuredClone(source) as { modules: Array<{ declarations?: Declaration[] }> };
  for (const mod of copy.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement) continue;
      d.members = (d.members ?? [])
        .filter(
          (m) =>
            m.kind === 'field' &&
            !m.static &&
            !m.readonly &&
            !m.attribute &&
            !m.name.startsWith('#') &&
            (!m.privacy || m.privacy === 'public'),
        )
        .filter((m) => !(typeof m.type === 'object' && m.type?.text?.includes('=>') && m.name !== 'now'))
        .map(plainType);
      d.attributes = (d.attributes ?? []).map(plainType);
    }
  }
  return copy;
}

setCustomElementsManifest(forControls(manifest));

const preview = {
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
  },
  // The shortlist is kept in localStorage: start every story without one.
  beforeEach() {
    try {
      localStorage.removeItem(SHORTLIST_KEY);
    } catch {
      // storage blocked
    }
  },
  // After the manifest is read: object-typed properties (the store, directories), events (logged as
  // actions instead) and parts get no control; CSS custom properties get a colour or text box that the
  // stories set on the element. (Storybook keys argTypes by name alone, so a slot and a part with the
  // same name, like sf-results' `empty`, show once.)
  argTypesEnhancers: [
    (context: { argTypes: Record<string, ArgType> }) => {
      const out: Record<string, ArgType> = {};
      for (const [name, argType] of Object.entries(context.argTypes)) {
        const category = argType.table?.category;
        if (category === 'properties' && !['string', 'number', 'boolean'].includes(argType.type?.name ?? ''))
          out[name] = { ...argType, control: false };
        else if (category === 'events' || category === 'css shadow parts') out[name] = { ...argType, control: false };
        else if (category === 'css custom properties') out[name] = { ...argType, control: /color/.test(name) ? 'color' : 'text' };
        else out[name] = argType;
      }
      return out;
    },
  ],
};

export default preview;
