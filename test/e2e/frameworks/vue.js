// A Vue 3 app with a template, set up as the README says: the compiler told which tags are custom elements (a
// template compiled in the browser would also find the registered elements itself; one compiled at build time,
// as in a .vue file, cannot).
// Bundled by test/e2e/frameworks.test.ts; the page's query names the directories: ?endpoint=…&named=…&label=…
import { createApp } from 'vue/dist/vue.esm-bundler.js';
import 'service-finder-elements';

const query = new URLSearchParams(location.search);
const app = createApp({
  data: () => ({
    opened: 'nothing',
    lang: 'en',
    endpoint: query.get('endpoint'),
    directories: [{ url: query.get('named'), name: query.get('label') }],
  }),
  template: `<main>
    <p id="opened">{{ opened }}</p>
    <button id="welsh" type="button" @click="lang = 'cy'">Cymraeg</button>
    <service-finder :endpoints="[endpoint]" :directories="directories" :age="70" :radius="10" :free="true" :hide-search="false"
      :need="['staying-active', 'lonely']" :lang="lang" url-state="off" @sf-select="opened = $event.detail.key ?? 'closed'"></service-finder>
  </main>`,
});
app.config.compilerOptions.isCustomElement = (tag) => tag === 'service-finder' || tag.startsWith('sf-');
app.mount('#root');
