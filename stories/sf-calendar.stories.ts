import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { COUNCIL_THEME, DIRECTORIES, inFinder, style, wrap, type StoryContext } from './support.js';

/** `<sf-calendar>`, when the results run, inside a `<service-finder>`. A first set of stories: extend them as the element grows. */
const meta: Meta = {
  title: 'Elements/sf-calendar',
  component: 'sf-calendar',
  parameters: { scenario: { finder: { directories: DIRECTORIES } } },
  render: (args, context) => inFinder('sf-calendar', args, context as StoryContext),
};
export default meta;
type Story = StoryObj;

/** The week view. */
export const Week: Story = { args: { view: 'week' } };

/** The month view. */
export const Month: Story = { args: { view: 'month' } };

/** The agenda: the next 7 days as a list. */
export const Agenda: Story = { args: { view: 'agenda' } };

/** In Welsh. */
export const Welsh: Story = { args: { view: 'week', lang: 'cy' } };

/** A council's colours and font. */
export const CouncilTheme: Story = {
  args: { view: 'week' },
  render: (args, context) => wrap({ class: 'council' }, style(COUNCIL_THEME), inFinder('sf-calendar', args, context as StoryContext)),
};
