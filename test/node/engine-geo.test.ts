import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { haversineKm, parseLatLng, parsePostcode, postcodesIoGeocoder } from '../../src/engine/index.js';
import { serve } from '../helpers.js';

describe('geo', () => {
  it('haversine distance', () => {
    const cardiff = { lat: 51.4816, lng: -3.1791 };
    const bristol = { lat: 51.4545, lng: -2.5879 };
    assert.ok(Math.abs(haversineKm(cardiff, bristol) - 41.1) < 0.5);
    assert.equal(haversineKm(cardiff, cardiff), 0);
  });
  it('parses lat,lng and validates ranges', () => {
    assert.deepEqual(parseLatLng('51.48,-3.17'), { lat: 51.48, lng: -3.17 });
    assert.deepEqual(parseLatLng(' 51.48 , -3.17 '), { lat: 51.48, lng: -3.17 });
    assert.equal(parseLatLng('91,0'), undefined);
    assert.equal(parseLatLng('51.48,-181'), undefined);
    assert.equal(parseLatLng('CF10 1AB'), undefined);
    assert.equal(parseLatLng('51.48'), undefined);
  });
  it('recognises postcodes and outward codes', () => {
    assert.deepEqual(parsePostcode('cf10 1ab'), { outcode: 'CF10', postcode: 'CF10 1AB' });
    assert.deepEqual(parsePostcode('SW1A1AA'), { outcode: 'SW1A', postcode: 'SW1A 1AA' });
    assert.deepEqual(parsePostcode('m1'), { outcode: 'M1' });
    assert.equal(parsePostcode('Barry'), undefined);
  });
});

describe('postcodes.io geocoder (against a local server)', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let base: string;
  const paths: string[] = [];
  before(async () => {
    server = await serve((req, res) => {
      paths.push(req.url ?? '');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/outcodes/CF10') send(200, { status: 200, result: { latitude: 51.47, longitude: -3.17 } });
      else if (req.url === '/postcodes/CF101AB') send(200, { status: 200, result: { latitude: 51.4816, longitude: -3.1791 } });
      else if (req.url === '/outcodes/ZZ9') send(500, { status: 500, error: 'boom' });
      else send(404, { status: 404, error: 'Invalid outcode' });
    });
    base = server.url;
  });
  after(() => server.close());

  it('sends only the outward code by default', async () => {
    paths.length = 0;
    const geocode = postcodesIoGeocoder({ baseUrl: base });
    assert.deepEqual(await geocode('cf10 1ab'), { lat: 51.47, lng: -3.17 });
    assert.deepEqual(paths, ['/outcodes/CF10']);
    assert.ok(!paths.some((p) => p.includes('1AB')));
  });
  it('sends the full postcode only when asked', async () => {
    paths.length = 0;
    const geocode = postcodesIoGeocoder({ baseUrl: `${base}/`, fullPostcode: true });
    assert.deepEqual(await geocode('CF10 1AB'), { lat: 51.4816, lng: -3.1791 });
    assert.deepEqual(await geocode('CF10'), { lat: 51.47, lng: -3.17 }, 'a bare outcode still works');
    assert.deepEqual(paths, ['/postcodes/CF101AB', '/outcodes/CF10']);
  });
  it('404 → undefined, other failures throw, non-postcodes make no request', async () => {
    paths.length = 0;
    const geocode = postcodesIoGeocoder({ baseUrl: base });
    assert.equal(await geocode('XX1 1XX'), undefined);
    await assert.rejects(geocode('ZZ9 9ZZ'));
    assert.equal(await geocode('Barry Island'), undefined);
    assert.deepEqual(paths, ['/outcodes/XX1', '/outcodes/ZZ9']);
  });
  it('passes the abort signal to fetch', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(postcodesIoGeocoder({ baseUrl: base })('CF10', controller.signal), { name: 'AbortError' });
  });
});
