import type { Meta, StoryObj } from '@storybook/web-components-vite';
import {
  COUNCIL_THEME,
  DEMO,
  DIRECTORIES,
  DOWN,
  FINDER_DEFAULTS,
  HTML,
  NOTHING_MATCHES,
  SLOW,
  create,
  finderStory,
  style,
  wrap,
  type StoryContext,
} from './support.js';

/**
 * `<service-finder>`, the one tag: with no children it renders the search
 * form, results, detail and shortlist over the directories in `endpoints`
 * (URLs) or `directories` (the property, with names: used here so notices
 * name the directory). Stories read the fixture server (`npm run storybook`
 * starts it).
 */
const meta: Meta = {
  title: 'Elements/service-finder',
  component: 'service-finder',
  args: { directories: DIRECTORIES, ...FINDER_DEFAULTS },
  render: (args, context) => finderStory(args, context as StoryContext),
};
export default meta;
type Story = StoryObj;

/** Four overlapping directories, blended into one list. */
export const Results: Story = {};

/** A directory that has not answered yet. */
export const Loading: Story = {
  args: { directories: [SLOW], timeout: 600000 },
};

/** A search nothing matches: the empty state says which filter to loosen. */
export const Empty: Story = {
  parameters: { scenario: { query: NOTHING_MATCHES } },
};

/** One directory is down (HTTP 500): its notice gives the reason and a retry; the others still list. */
export const DirectoryDown: Story = {
  args: { directories: [...DIRECTORIES, DOWN] },
};

/** One directory answers with a web page instead of data. */
export const DirectoryAnswersHtml: Story = {
  args: { directories: [...DIRECTORIES, HTML] },
};

/** Every directory fails: nothing to list, two notices. */
export const AllDirectoriesFail: Story = {
  args: { directories: [DOWN, HTML] },
};

/** An age and access filter: full matches first, then the services that do not say. */
export const PartialMatches: Story = {
  args: { age: '70', access: 'drop-in' },
};

/** A service open in the detail view. */
export const DetailOpen: Story = {
  parameters: { scenario: { open: true } },
};

/** Every word in Welsh. */
export const Welsh: Story = {
  args: { lang: 'cy' },
};

/** Welsh, with a service open. */
export const WelshDetailOpen: Story = {
  args: { lang: 'cy' },
  parameters: { scenario: { open: true } },
};

/** A GP practice page: what is on within 3 miles of CF62, one category, no search form. */
export const GpPracticePage: Story = {
  args: { near: 'CF62', radius: '3', category: 'Health and wellbeing', 'hide-search': true },
};

/** The whole demo directory (400 services): the list is virtualised. */
export const ManyResults: Story = {
  args: { directories: [DEMO] },
};

/** A council restyles the finder with a handful of custom properties (and one `::part`). */
export const CouncilTheme: Story = {
  render: (args, context) => wrap({ class: 'council' }, style(COUNCIL_THEME), finderStory(args, context as StoryContext)),
};

/** Elements placed inside the finder share its state instead of the default layout; others link with `finder="id"`. */
export const Composed: Story = {
  render: (args, context) => {
    const finder = finderStory({ ...args, id: 'composed-finder' }, context as StoryContext);
    finder.append(create('sf-search'), create('sf-results'));
    const aside = create(
      'aside',
      {},
      {},
      create('sf-service', { finder: 'composed-finder' }),
      create('sf-shortlist', { finder: 'composed-finder', 'show-empty': true }),
    );
    return wrap({ style: 'display:grid;grid-template-columns:2fr 1fr;gap:2rem' }, finder, aside);
  },
};
