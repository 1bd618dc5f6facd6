import { expect } from '@open-wc/testing';
import { define, defineAll, ELEMENTS } from '../../src/define.js';
import * as api from '../../src/index.js';

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

  it('index.ts exports the classes and events without defining anything itself', () => {
    expect(api.ServiceFinder).to.be.a('function');
    expect(api.SfSearchEvent).to.be.a('function');
    const e = new api.SfSelectEvent('a:b');
    expect(e.bubbles && e.composed).to.equal(true);
    expect(e.key).to.equal('a:b');
  });
});
