import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { COUNCIL_THEME, DIRECTORIES, FINDER_DEFAULTS, create, inFinder, style, wrap, type StoryContext } from './support.js';

/** `<sf-shortlist>`, the person's shortlist, inside a `<service-finder>`. Each story starts with an empty list. */
const meta: Meta = {
  title: 'Elements/sf-shortlist',
  component: 'sf-shortlist',
  parameters: { scenario: { finder: { directories: DIRECTORIES }, shortlist: 3 } },
  render: (args, context) => inFinder('sf-shortlist', args, context as StoryContext),
};
export default meta;
type Story = StoryObj;

/** Three services added: print, copy, share and clear. */
export const WithItems: Story = {};

/** Empty, shown with its hint because of `show-empty` (without it the element renders nothing). */
export const Empty: Story = {
  args: { 'show-empty': true },
  parameters: { scenario: { shortlist: 0 } },
};

/** In Welsh. */
export const Welsh: Story = {
  args: { lang: 'cy' },
};

/** Outside the finder, linked to it with `finder="<id>"`; add services from the results. */
export const LinkedByFinderId: Story = {
  args: { finder: 'shortlist-finder', 'show-empty': true },
  render: (args, context) => {
    const finder = create(
      'service-finder',
      { ...FINDER_DEFAULTS, id: 'shortlist-finder', directories: DIRECTORIES },
      {},
      create('sf-results'),
    );
    return wrap(
      { style: 'display:grid;grid-template-columns:2fr 1fr;gap:2rem' },
      finder,
      create('sf-shortlist', args, (context as StoryContext).argTypes),
    );
  },
};

/** A council's colours and font. */
export const CouncilTheme: Story = {
  render: (args, context) => wrap({ class: 'council' }, style(COUNCIL_THEME), inFinder('sf-shortlist', args, context as StoryContext)),
};
