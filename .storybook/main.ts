// Storybook 10 for the elements: stories in stories/, controls from custom-elements.json (see preview.ts).
// `storybook dev` starts the fixture server the stories read (port 8787) unless one is already running;
// a static build does not: run `npm run storybook:fixtures` next to it (see fixtures.ts).
const config = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig: { optimizeDeps?: { include?: string[] } }, { configType }: { configType?: string }) {
    // Storybook's renderer imports lit/directive-helpers.js; pre-bundle it with the rest of lit so dev
    // mode does not load a second lit-html ("Multiple versions of Lit loaded").
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'],
    };
    if (configType === 'DEVELOPMENT' && !process.env.STORYBOOK_FIXTURES) {
      const { ensureFixtureServer } = await import('./fixtures.js');
      const { url, started } = await ensureFixtureServer();
      console.log(started ? `Fixture server started at ${url}` : `Using the fixture server already at ${url}`);
    }
    return viteConfig;
  },
};
export default config;
