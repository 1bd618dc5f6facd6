import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { COUNCIL_THEME, DIRECTORIES, create, inFinder, style, wrap, type StoryContext } from './support.js';

/** `<sf-service>`, the detail of the service open now, inside a `<service-finder>`. */
const meta: Meta = {
  title: 'Elements/sf-service',
  component: 'sf-service',
  parameters: { scenario: { finder: { directories: DIRECTORIES }, open: true } },
  render: (args, context) => inFinder('sf-service', args, context as StoryContext),
};
export default meta;
type Story = StoryObj;

/** The first result, open. */
export const DetailOpen: Story = {};

/** A service listed by more than one directory: blended, with every directory named. */
export const FromSeveralDirectories: Story = {
  parameters: { scenario: { finder: { directories: DIRECTORIES }, open: 'knit and natter' } },
};

/** Nothing open: the element renders nothing until a card is chosen (pick one on the left). */
export const OpenFromResults: Story = {
  parameters: { scenario: { open: false } },
  render: (args, context) => {
    const finder = inFinder('sf-service', args, context as StoryContext, [create('sf-results')]);
    finder.style.cssText = 'display:grid;grid-template-columns:1fr 1fr;gap:2rem';
    return finder;
  },
};

/** In Welsh: "when it runs" in words, dates localised. */
export const Welsh: Story = {
  args: { lang: 'cy' },
};

/** A council's colours and font. */
export const CouncilTheme: Story = {
  render: (args, context) => wrap({ class: 'council' }, style(COUNCIL_THEME), inFinder('sf-service', args, context as StoryContext)),
};
