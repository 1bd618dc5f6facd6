// The static index's tiles (src/model/static-index.ts) and the distance the finder measures to them (src/engine/geo.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distanceToBoxKm, haversineKm } from '../../src/engine/index.js';
import { indexFilePath, parseTile, pointInTile, tileBounds, tileId, tileOf, withinTile } from '../../src/model/static-index.js';
import { mulberry32 } from '../../demo/data/random.js';

describe('static index tiles', () => {
  it('puts every point in the tile that holds it, at every zoom', () => {
    const r = mulberry32(5);
    for (let i = 0; i < 2000; i++) {
      const lat = 49.8 + r() * 11;
      const lng = -8.7 + r() * 10.6;
      for (const z of [0, 5, 11, 18]) {
        const t = tileOf(lat, lng, z);
        assert.ok(pointInTile(lat, lng, t), `${lat},${lng} in ${tileId(t)}`);
        if (z > 0) assert.ok(withinTile(t, tileOf(lat, lng, z - 1)));
      }
    }
  });

  it('gives edges that meet their neighbours’', () => {
    const t = tileOf(51.4816, -3.1791, 14);
    const [w, s, e, n] = tileBounds(t);
    assert.equal(tileBounds({ ...t, x: t.x + 1 })[0], e);
    assert.equal(tileBounds({ ...t, y: t.y + 1 })[3], s);
    assert.ok(w < -3.1791 && -3.1791 < e && s < 51.4816 && 51.4816 < n);
  });

  it('reads only tile ids that are tiles', () => {
    assert.deepEqual(parseTile('14-8047-5449'), { z: 14, x: 8047, y: 5449 });
    for (const bad of ['../x', '19-0-0', '3-8-0', '3-0-8', '14-8047', '14-8047-5449-1', ' 1-0-0', 1, undefined, '01-0-0x']) {
      assert.equal(parseTile(bad), undefined, String(bad));
    }
  });

  it('names a file by its kind, id and the start of its hash', () => {
    assert.equal(indexFilePath('cells', '14-8047-5449', 'ab'.repeat(32)), 'cells/14-8047-5449.abababababababab.json');
  });

  it('measures the distance to a box: none inside, the great-circle distance to its nearest edge outside', () => {
    const box = [-3.2, 51.46, -3.15, 51.5] as const;
    assert.equal(distanceToBoxKm({ lat: 51.48, lng: -3.18 }, box), 0);
    const north = { lat: 51.6, lng: -3.18 };
    assert.ok(Math.abs(distanceToBoxKm(north, box) - haversineKm(north, { lat: 51.5, lng: -3.18 })) < 1e-9);
    const corner = { lat: 51.4, lng: -3.3 };
    assert.ok(Math.abs(distanceToBoxKm(corner, box) - haversineKm(corner, { lat: 51.46, lng: -3.2 })) < 1e-9);
  });
});
