// A React 19 app that uses the finder as the README says (plain JavaScript: the project has no React types).
// Bundled by test/e2e/frameworks.test.ts; the page's query names the directories: ?endpoint=…&named=…&label=…
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'service-finder-elements';

function App({ endpoint, named, label }) {
  const [opened, setOpened] = useState('nothing');
  const [lang, setLang] = useState('en');
  return h(
    'main',
    null,
    h('p', { id: 'opened' }, opened),
    h('button', { id: 'welsh', type: 'button', onClick: () => setLang('cy') }, 'Cymraeg'),
    h('service-finder', {
      // Arrays, numbers and booleans as JSX passes them, text, and a listener for the element's own event.
      endpoints: [endpoint],
      directories: [{ url: named, name: label }],
      age: 70,
      radius: 10,
      free: true,
      hideSearch: false,
      need: ['staying-active', 'lonely'],
      lang,
      'url-state': 'off',
      'onsf-select': (e) => setOpened(e.detail.key ?? 'closed'),
    }),
  );
}

const query = new URLSearchParams(location.search);
createRoot(document.getElementById('root')).render(
  h(App, { endpoint: query.get('endpoint'), named: query.get('named'), label: query.get('label') }),
);
