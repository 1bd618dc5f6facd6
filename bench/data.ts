/**
 * Bench data: 10,000 records from 5 directories with overlaps. Real-looking
 * base services (demo/data/services.json when present, else synthesised)
 * are cloned into distinct services (own name, url, phone, place), then each
 * distinct service is published by 1–5 directories with the small
 * differences real directories show (case, phone format, www, dropped fields).
 */
import type { DirectoryRef, Service } from '../src/model/index.js';

import { mulberry32 as rng } from '../demo/data/random.js';

export { rng };

type Base = Omit<Service, 'key' | 'directory'>;

const ACTIVITIES = [
  'Counselling',
  'Chair yoga',
  'Walking group',
  'Memory café',
  'Men’s shed',
  'Lunch club',
  'Debt advice',
  'Carers support',
  'Art group',
  'Foodbank',
  'Befriending',
  'Parent and toddler',
  'Youth club',
  'Gardening',
  'Choir',
  'Digital help',
  'Bereavement support',
  'Stop smoking',
  'Weight management',
  'Knit and natter',
];
const PLACES = [
  'Grangetown',
  'Splott',
  'Canton',
  'Roath',
  'Cathays',
  'Llandaff',
  'Whitchurch',
  'Ely',
  'Butetown',
  'Penarth',
  'Barry',
  'Rumney',
];
const WORDS = [
  'friendly',
  'free',
  'support',
  'people',
  'local',
  'community',
  'wellbeing',
  'mental',
  'health',
  'advice',
  'older',
  'young',
  'families',
  'carers',
  'meet',
  'weekly',
  'group',
  'session',
  'help',
  'anxiety',
  'loneliness',
  'activity',
];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const ACCESS = ['drop-in', 'appointment', 'self-referral', 'professional-referral'] as const;

/** 400 plausible services around Cardiff, used when the demo data is absent. */
export function synthesise(count = 400, seed = 7): Base[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: count }, (_, i): Base => {
    const name = `${pick(ACTIVITIES)} ${pick(PLACES)}`;
    const hour = 9 + Math.floor(r() * 10);
    const minAge = pick([0, 5, 11, 18, 50, 65]);
    return {
      id: `syn-${i}`,
      name,
      description: Array.from({ length: 25 }, () => pick(WORDS)).join(' '),
      url: r() < 0.7 ? `https://org${i % 60}.example.org/services/${name.toLowerCase().replace(/\W+/g, '-')}` : undefined,
      phones: r() < 0.8 ? [{ number: `029 20${String(100000 + i * 37).slice(0, 2)} ${String(1000 + i).slice(-4)}` }] : undefined,
      organisation: { name: `Organisation ${i % 60}` },
      status: 'active',
      access: r() < 0.7 ? [pick(ACCESS)] : undefined,
      attendance: ['in-person'],
      ages: r() < 0.7 ? { min: minAge, max: minAge < 18 ? minAge + 10 : undefined } : undefined,
      categories: [{ name: pick(['Social groups', 'Advice', 'Health', 'Activities', 'Food']) }],
      locations:
        r() < 0.9
          ? [
              {
                name: `${pick(PLACES)} hall`,
                address: { postcode: `CF${10 + (i % 14)} ${1 + (i % 9)}AB` },
                lat: 51.48 + (r() - 0.5) * 0.12,
                lng: -3.18 + (r() - 0.5) * 0.2,
              },
            ]
          : undefined,
      schedules:
        r() < 0.8 ? [{ freq: 'WEEKLY', byday: [{ day: pick(DAYS) }], opensAt: `${hour}:00`, closesAt: `${hour + 2}:00` }] : undefined,
      cost: r() < 0.7 ? { free: r() < 0.6 } : undefined,
      assuredDate: `2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-15`,
    };
  });
}

const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A distinct service from a base one: its own name, url, phone, email and place. */
function variant(base: Base, v: number, r: () => number): Base {
  if (v === 0) return { ...base, id: `${base.id}-0` };
  const place = PLACES[v % PLACES.length];
  const suffix = `${place} ${Math.floor(v / PLACES.length) + 1}`;
  const dLat = (r() - 0.5) * 0.1;
  const dLng = (r() - 0.5) * 0.15;
  const h = [...base.id].reduce((x, c) => (x * 31 + c.charCodeAt(0)) >>> 0, v);
  const postcode = (p: string | undefined) =>
    p ? `${p.split(' ')[0]} ${h % 10}${LETTERS[(h >>> 4) % 20]}${LETTERS[(h >>> 9) % 20]}` : undefined;
  return {
    ...base,
    id: `${base.id}-${v}`,
    name: `${base.name} – ${suffix}`,
    url: base.url && new URL(base.url).pathname.length > 1 ? `${base.url.replace(/\/$/, '')}-${v}` : base.url,
    email: base.email ? base.email.replace('@', `+${v}@`) : undefined,
    // Same phone in, same phone out: an organisation's services keep sharing one number.
    phones: base.phones?.map((p) => ({
      ...p,
      number: p.number.replace(/\d{4}$/, (d) => String((Number(d) * 7 + v * 1237) % 10000).padStart(4, '0')),
    })),
    locations: base.locations?.map((l) => ({
      ...l,
      address: l.address ? { ...l.address, postcode: postcode(l.address.postcode) } : undefined,
      lat: l.lat !== undefined ? l.lat + dLat : undefined,
      lng: l.lng !== undefined ? l.lng + dLng : undefined,
    })),
  };
}

/** How another directory publishes the same service: same facts, different habits. */
function copyIn(s: Base, dir: number, r: () => number): Base {
  const out: Base = { ...s, id: `${dir}-${s.id}` };
  if (dir % 2 === 1) out.name = s.name.toUpperCase() === s.name ? s.name : s.name.replace(/\band\b/g, '&');
  if (dir === 2) out.name = s.name.toLowerCase();
  if (s.url && dir % 2 === 1) out.url = s.url.replace('https://www.', 'http://').replace(/\/?$/, '/');
  if (s.phones && dir >= 3) out.phones = s.phones.map((p) => ({ number: p.number.replace(/^0/, '+44 ') }));
  if (r() < 0.3) delete out.ages;
  if (r() < 0.3) delete out.access;
  if (r() < 0.2 && out.description) out.description = out.description.slice(0, 80);
  if (r() < 0.4) delete out.schedules;
  return out;
}

export const DIRECTORIES: DirectoryRef[] = [1, 2, 3, 4, 5].map((n) => ({
  id: `dir${n}`,
  name: `Directory ${n}`,
  url: `https://dir${n}.example/api`,
}));

/**
 * `total` records over five directories: distinct services each published
 * by 1–5 directories. Returns the records per directory (in arrival order)
 * and how many merges a perfect dedup would make.
 */
export function buildRecords(
  bases: Base[],
  total = 10_000,
  seed = 42,
): { byDirectory: Service[][]; distinct: number; expectedMerges: number } {
  const r = rng(seed);
  const byDirectory: Service[][] = DIRECTORIES.map(() => []);
  let made = 0;
  let distinct = 0;
  for (let v = 0; made < total; v++) {
    for (const base of bases) {
      if (made >= total) break;
      const s = variant(base, v, r);
      distinct++;
      // 1–5 copies, 2.5 on average.
      const copies = Math.min(total - made, 1 + Math.floor(r() * 4) + (r() < 0.1 ? 1 : 0));
      const start = Math.floor(r() * 5);
      for (let c = 0; c < copies; c++) {
        const d = (start + c) % 5;
        // A deep copy: records from different directories never share objects, as in real reads.
        const copy = structuredClone(copyIn(s, d, r));
        byDirectory[d].push({ ...copy, key: `${DIRECTORIES[d].id}:${copy.id}`, directory: DIRECTORIES[d] });
      }
      made += copies;
    }
  }
  return { byDirectory, distinct, expectedMerges: made - distinct };
}
