import { html } from 'lit';
import '../src/define.js';

/** Point the stories at the fixture server (`npm run fixtures`) or any ORUK directory. */
const DEMO = 'http://127.0.0.1:8787/dialects/oruk-v3';

export default {
  title: 'Elements/service-finder',
  component: 'service-finder',
  args: { endpoints: DEMO, lang: 'en' },
};

export const OneTag = {
  render: ({ endpoints, lang }: { endpoints: string; lang: string }) =>
    html`<service-finder url-state="off" lang=${lang} endpoints=${endpoints}></service-finder>`,
};

export const Welsh = { ...OneTag, args: { endpoints: DEMO, lang: 'cy' } };

export const FailingDirectory = {
  render: ({ endpoints }: { endpoints: string }) =>
    html`<service-finder url-state="off" endpoints="${endpoints} http://127.0.0.1:8787/broken/500"></service-finder>`,
};

export const Composed = {
  render: ({ endpoints }: { endpoints: string }) => html`
    <service-finder id="story-finder" url-state="off" endpoints=${endpoints}>
      <sf-search></sf-search>
      <sf-results></sf-results>
    </service-finder>
    <aside><sf-service finder="story-finder"></sf-service><sf-shortlist finder="story-finder" show-empty></sf-shortlist></aside>
  `,
};

/** A council restyles the finder with a handful of custom properties. */
export const CouncilTheme = {
  render: ({ endpoints }: { endpoints: string }) => html`
    <style>
      .council service-finder {
        --sf-color-primary: #5b2c6f;
        --sf-color-primary-hover: #43204f;
        --sf-color-link: #5b2c6f;
        --sf-font-family: Georgia, serif;
        --sf-radius: 6px;
      }
      .council service-finder::part(card) {
        border-bottom-style: dashed;
      }
    </style>
    <div class="council"><service-finder url-state="off" endpoints=${endpoints}></service-finder></div>
  `,
};
