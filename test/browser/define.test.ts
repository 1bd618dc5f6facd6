import { expect } from '@open-wc/testing';
import * as main from '../../src/index.js';
import * as api from '../../src/classes.js';

const { define, defineAll, ELEMENTS } = main;

describe('define guard', () => {
  it('defines every element once', () => {
    for (const [tag, ctor] of Object.entries(ELEMENTS)) expect(customElements.get(tag)).to.equal(ctor);
  });

  it('defining again does not throw (two plugins loading the bundle)', () => {
    expect(() => defineAll()).not.to.throw();
    expect(define('service-finder', class extends HTMLElement {})).to.equal(false);
    expect(customElements.get('service-finder')).to.equal(ELEMENTS['service-finder']);
  });

  it('a second copy of the class under the same tag is ignored', () => {
    class Copy extends api.ServiceFinder {}
    expect(() => define('service-finder', Copy)).not.to.throw();
  });

  it('the main entry exports what /classes exports (whether it defines nothing is test/e2e/package.test.ts)', () => {
    expect(Object.keys(main).sort()).to.deep.equal(Object.keys(api).sort());
  });

  it('classes.ts exports the classes and events', () => {
    expect(api.ServiceFinder).to.be.a('function');
    expect(api.SfSearchEvent).to.be.a('function');
    const e = new api.SfSelectEvent('a:b');
    expect(e.bubbles && e.composed).to.equal(true);
    expect(e.key).to.equal('a:b');
  });
});
