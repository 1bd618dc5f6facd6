import type { Meta, StoryObj } from '@storybook/web-components-vite';
import {
  COUNCIL_THEME,
  DEMO,
  DIRECTORIES,
  DOWN,
  HTML,
  NOTHING_MATCHES,
  SLOW,
  create,
  inFinder,
  style,
  wrap,
  type StoryContext,
} from './support.js';

/** `<sf-results>`, the results list, inside a `<service-finder>`. */
const meta: Meta = {
  title: 'Elements/sf-results',
  component: 'sf-results',
  parameters: { scenario: { finder: { directories: DIRECTORIES } } },
  render: (args, context) => inFinder('sf-results', args, context as StoryContext),
};
export default meta;
type Story = StoryObj;

/** Four overlapping directories blended into one list. */
export const Results: Story = {};

/** A directory that has not answered yet: "Loading" and a notice for it. */
export const Loading: Story = {
  parameters: { scenario: { finder: { directories: [SLOW], timeout: 600000 } } },
};

/** Nothing matches: the empty state suggests which filter to loosen. */
export const Empty: Story = {
  parameters: { scenario: { finder: { directories: DIRECTORIES, near: 'CF10', radius: '1' }, query: NOTHING_MATCHES } },
};

/** The page's own empty state, through the `empty` slot. */
export const EmptySlot: Story = {
  parameters: { scenario: { query: NOTHING_MATCHES } },
  render: (args, context) => {
    const message = create('p', { slot: 'empty' });
    message.textContent = 'Nothing found. Call the council on 029 2087 2087 and we will help.';
    const finder = inFinder('sf-results', args, context as StoryContext);
    finder.querySelector('sf-results')!.append(message);
    return finder;
  },
};

/** One directory is down (HTTP 500): a notice with the reason and a retry button. */
export const DirectoryDown: Story = {
  parameters: { scenario: { finder: { directories: [...DIRECTORIES, DOWN] } } },
};

/** One directory answers with a web page instead of data. */
export const DirectoryAnswersHtml: Story = {
  parameters: { scenario: { finder: { directories: [...DIRECTORIES, HTML] } } },
};

/** Full matches, then the services that do not state the age or access asked for. */
export const PartialMatches: Story = {
  parameters: { scenario: { finder: { directories: DIRECTORIES, age: '70', access: 'drop-in' } } },
};

/** Sorted by distance from a place, each card with its distance. */
export const NearAPlace: Story = {
  parameters: { scenario: { finder: { directories: DIRECTORIES, near: 'Barry', radius: '5' } } },
};

/** 400 services: the list is virtualised. */
export const ManyResults: Story = {
  parameters: { scenario: { finder: { directories: [DEMO] } } },
};

/** Counts, notices and cards in Welsh, with one directory down. */
export const Welsh: Story = {
  args: { lang: 'cy' },
  parameters: { scenario: { finder: { directories: [...DIRECTORIES, DOWN] } } },
};

/** A council's colours, font and a dashed rule between cards (`::part(card)`). */
export const CouncilTheme: Story = {
  render: (args, context) => wrap({ class: 'council' }, style(COUNCIL_THEME), inFinder('sf-results', args, context as StoryContext)),
};
