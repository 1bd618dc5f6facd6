// Storybook 10 for the elements: stories in stories/, controls from custom-elements.json.
const config = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
};
export default config;
