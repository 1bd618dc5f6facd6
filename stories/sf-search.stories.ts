import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { COUNCIL_THEME, DIRECTORIES, SLOW, inFinder, style, wrap, type StoryContext } from './support.js';

/** `<sf-search>`, the search form, inside a `<service-finder>` over the demo directories. */
const meta: Meta = {
  title: 'Elements/sf-search',
  component: 'sf-search',
  parameters: { scenario: { finder: { directories: DIRECTORIES } } },
  render: (args, context) => inFinder('sf-search', args, context as StoryContext),
};
export default meta;
type Story = StoryObj;

/** After the directories have loaded: categories and eligibility terms come from the data. */
export const Default: Story = {};

/** While the directories are still loading. */
export const Loading: Story = {
  parameters: { scenario: { finder: { directories: [SLOW], timeout: 600000 } } },
};

/** Filled in from the finder's presets. */
export const Prefilled: Story = {
  parameters: { scenario: { finder: { directories: DIRECTORIES, near: 'CF62', radius: '5', age: '65+', access: 'drop-in', free: true } } },
};

/** A place the geocoder does not know: the error summary and the field error. */
export const PlaceNotFound: Story = {
  parameters: { scenario: { finder: { directories: DIRECTORIES }, query: { place: 'ZZ99 9ZZ', radiusKm: 8 } } },
};

/** Every label, hint and error in Welsh. */
export const Welsh: Story = {
  args: { lang: 'cy' },
};

/** A council's colours and font. */
export const CouncilTheme: Story = {
  render: (args, context) => wrap({ class: 'council' }, style(COUNCIL_THEME), inFinder('sf-search', args, context as StoryContext)),
};
