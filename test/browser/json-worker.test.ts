// Large bodies are parsed in a worker: the value comes back with its strings cut to the most any reader reads
// (what the page parses itself keeps them whole, so the cut shows the worker ran), and a body that is not JSON
// still fails with the plain-words error.
import { expect } from '@open-wc/testing';
import { jsonOf, LATER_WORKER_BYTES, WORKER_BYTES } from '../../src/sources/json-body.js';
import { MAX_HTML, MAX_URL, SourceError } from '../../src/model/index.js';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
/** A page just over the worker's threshold, of long text. */
const longPage = () => {
  const text = 'x'.repeat(WORKER_BYTES / 4);
  return {
    content: [
      { name: text, description: text },
      { name: text, description: text },
    ],
    next: null,
  };
};

describe('jsonOf: large bodies in a worker', () => {
  it('parses a large body in the worker, its strings cut to what the readers read', async () => {
    const value = (await jsonOf(encode(longPage()), 'https://x.example/services')) as ReturnType<typeof longPage>;
    expect(value.content).to.have.length(2);
    expect(value.content[0].name.length).to.equal(MAX_URL + 1);
    expect(value.content[1].description.length).to.equal(MAX_HTML + 1);
    expect(value.next).to.equal(null);
  });

  it('parses a smaller body in the worker when no first result waits for it (a list page after the first)', async () => {
    const text = 'z'.repeat(LATER_WORKER_BYTES);
    const bytes = encode({ content: [{ name: text }] });
    expect(bytes.byteLength).to.be.below(WORKER_BYTES);
    const later = (await jsonOf(bytes, 'https://x.example/services?page=2', LATER_WORKER_BYTES)) as { content: Array<{ name: string }> };
    expect(later.content[0].name.length, 'cut: the worker parsed it').to.equal(MAX_URL + 1);
    const first = (await jsonOf(bytes, 'https://x.example/services')) as { content: Array<{ name: string }> };
    expect(first.content[0].name.length, 'whole: the page parsed it').to.equal(text.length);
  });

  it('parses a small body on the page, whole', async () => {
    const text = 'y'.repeat(50_000);
    const value = (await jsonOf(encode({ name: text }), 'https://x.example/services')) as { name: string };
    expect(value.name.length).to.equal(50_000);
  });

  it('says a large body that is not JSON is cut off or damaged', async () => {
    const bytes = encode(longPage()).slice(0, WORKER_BYTES + 10);
    const error = await jsonOf(bytes, 'https://x.example/services').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SourceError);
    expect((error as SourceError).kind).to.equal('invalid-json');
  });
});
