import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { COUNCIL_THEME, DIRECTORIES, FIXTURES, create, inFinder, style, wrap, type StoryContext } from './support.js';

/**
 * `<sf-map>`, the results on a map, inside a `<service-finder>`. Tiles come from the fixture server
 * (no network). A first set of stories: extend them as the element grows.
 */
const meta: Meta = {
  title: 'Elements/sf-map',
  component: 'sf-map',
  args: { tiles: `${FIXTURES}/tiles/{z}/{x}/{y}.png`, attribution: 'Fixture tiles' },
  parameters: { scenario: { finder: { directories: DIRECTORIES } } },
  render: (args, context) => inFinder('sf-map', args, context as StoryContext),
};
export default meta;
type Story = StoryObj;

/** Every result with a location, clustered. */
export const Results: Story = {};

/** Near a place, within 3 miles. */
export const NearAPlace: Story = {
  parameters: { scenario: { finder: { directories: DIRECTORIES, near: 'CF62', radius: '3' } } },
};

/** Next to the list: the map and the cards stay in step. */
export const WithResults: Story = {
  render: (args, context) => {
    const finder = inFinder('sf-map', args, context as StoryContext, [create('sf-results')]);
    finder.style.cssText = 'display:grid;grid-template-columns:1fr 1fr;gap:2rem';
    return finder;
  },
};

/** In Welsh. */
export const Welsh: Story = {
  args: { lang: 'cy' },
};

/** A council's colours and font. */
export const CouncilTheme: Story = {
  render: (args, context) => wrap({ class: 'council' }, style(COUNCIL_THEME), inFinder('sf-map', args, context as StoryContext)),
};
