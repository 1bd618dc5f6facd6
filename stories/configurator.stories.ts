import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { defineConfigurator } from '../demo/configurator/finder-configurator.js';
import { localServices } from '../demo/configurator/local-services.js';
import { DIRECTORIES, FIXTURES } from './support.js';

// Called, not only imported: a production build (storybook build) drops a module imported for its side effects.
defineConfigurator();

/**
 * The configurator (`demo/configurator.html` in `npm start`): paste directory addresses and see each checked as
 * `service-finder check` checks it, choose presets, see the finder live, and copy the HTML or the WordPress
 * shortcode. "Use the demo directories" fills in the fixture server's four; the postcode look-up, place names and
 * map tiles are the fixture server's too, so nothing leaves the machine.
 */
const meta: Meta = {
  title: 'Tools/Configurator',
  render: () => {
    const el = document.createElement('finder-configurator');
    el.examples = DIRECTORIES.map(({ url, name }) => ({ url, name }));
    el.initial = localServices(FIXTURES);
    return el;
  },
};
export default meta;

export const Configurator: StoryObj = {};
