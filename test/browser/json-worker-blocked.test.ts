// Where no worker can start (a bundle on another website than the page, a Content Security Policy that does
// not allow it: the platform's constructor throws), a large body is parsed on the page, whole.
import { expect } from '@open-wc/testing';
import { jsonOf, WORKER_BYTES } from '../../src/sources/json-body.js';

describe('jsonOf: no worker allowed', () => {
  const original = globalThis.Worker;
  before(() => {
    globalThis.Worker = class {
      constructor() {
        throw new DOMException('not allowed here', 'SecurityError');
      }
    } as unknown as typeof Worker;
  });
  after(() => (globalThis.Worker = original));

  it('parses a large body on the page instead, its text whole', async () => {
    const text = 'z'.repeat(WORKER_BYTES);
    const value = (await jsonOf(new TextEncoder().encode(JSON.stringify({ name: text })), 'https://x.example/s')) as { name: string };
    expect(value.name.length).to.equal(WORKER_BYTES);
  });
});
