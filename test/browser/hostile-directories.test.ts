// Every broken or hostile directory the fixture server knows, next to a good one, in the real finder:
// no script runs, nothing hangs, the directory's notice says what went wrong, the good results stay whole.
import { expect, fixture, html } from '@open-wc/testing';
import { FIXTURES } from './fixtures.js';
import '../../src/define.js';
import type { ServiceFinder } from '../../src/components/service-finder/service-finder.js';
import { inner, loaded, loadedFixture } from './helpers.js';

declare global {
  interface Window {
    __pwned?: number;
  }
}

const GOOD = `${FIXTURES}/dialects/oruk-v3`;

/** Each case: how the finder must end up, and words its notice must use when it fails. */
const CASES: Array<[kind: string, state: 'done' | 'failed', words?: RegExp]> = [
  ['500', 'failed', /server reported a problem/],
  ['503', 'failed', /server reported a problem/],
  ['html200', 'failed', /web page instead of service data/],
  ['not-directory', 'failed', /does not look like a service directory/],
  ['truncated', 'failed', /cut off or damaged/],
  ['timeout', 'failed', /took too long/],
  ['trickle', 'failed', /took too long/],
  ['huge', 'failed', /more data than this page can read/],
  ['redirect-loop', 'failed', /could not reach it/],
  ['no-cors', 'failed', /may not let this website read it/],
  ['self-link', 'done', /only partly read/],
  ['forever', 'done', /only partly read/],
  ['429', 'done'],
  ['redirect', 'done'],
  ['bom', 'done'],
  ['bad-utf8', 'done'],
  ['hostile', 'done'],
  ['empty', 'done'],
];

describe('broken and hostile directories next to a good one', function () {
  this.timeout(30_000);
  let goodCount = 0;

  before(async () => {
    const el = await loadedFixture(html`<service-finder url-state="off" endpoints=${GOOD}></service-finder>`);
    goodCount = el.store!.services.length;
  });

  for (const [kind, state, words] of CASES) {
    it(`${kind}: ${state === 'done' ? 'read' : 'a plain-words notice'}, the good directory whole`, async () => {
      window.__pwned = undefined;
      const bad = `${FIXTURES}/broken/${kind}`;
      const el = await fixture<ServiceFinder>(
        html`<service-finder url-state="off" timeout="1500" max-pages="5" endpoints="${GOOD} ${bad}"></service-finder>`,
      );
      let ticks = 0;
      const timer = setInterval(() => ticks++, 50);
      await loaded(el, 25_000);
      clearInterval(timer);
      const store = el.store!;
      const status = store.statuses.find((s) => s.directory.url === bad)!;
      expect(status.state, status.error?.message).to.equal(state);
      expect(store.statuses.find((s) => s.directory.url === GOOD)!.state).to.equal('done');
      expect(store.services.filter((s) => s.sources.some((r) => r.directory.url === GOOD)).length).to.equal(
        goodCount,
        'every good result stays',
      );
      expect(ticks, 'the page kept responding').to.be.greaterThan(0);
      if (words) {
        const notice = inner(inner(el, 'sf-results'), `[part~="notice"]`);
        expect(notice.textContent).to.match(words);
      }
      // Open the first result of the bad directory, if it gave any: its detail runs nothing either.
      const own = store.services.find((s) => s.sources.some((r) => r.directory.url === bad));
      if (own) {
        (await import('../../src/components/finder-ui.js')).uiFor(store).select(own.key);
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(window.__pwned).to.equal(undefined);
    });
  }
});
