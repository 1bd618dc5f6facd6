/**
 * The project's own demo data: invented community services in Cardiff and the
 * Vale of Glamorgan, published by four invented demo directories.
 *
 * Everything here is made up by this generator (organisations, street numbers,
 * postcodes' inward codes, phone numbers from Ofcom's drama ranges, web
 * domains); only the place names and outward codes are real, so the map and
 * the postcode search look right.
 *
 * Deterministic: a seeded mulberry32 PRNG and a fixed reference date
 * (2026-11-01), so running it twice gives byte-identical files.
 *
 *   npm run demo:data      # writes demo/data/*.json
 *
 * Import `generate()` to get the same data in memory (the tests do).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  AccessType,
  AgeRange,
  AttendanceMode,
  Closure,
  Cost,
  Location,
  Schedule,
  Service,
  Term,
  Weekday,
} from '../../src/model/service.js';

/** A service as the demo data stores it: the directory-independent part of the model. */
export type DemoService = Omit<Service, 'key' | 'directory' | 'raw'>;

/** The wire dialect a demo directory serves its records in. */
export type DemoDialect = 'oruk-v3' | 'oruk-v1' | 'oruk-v1-zero' | 'placecube' | 'outpost';

/**
 * One directory's copy of a demo service.
 *
 * The directory's record is the service `of`, with `patch` laid over it
 * (shallow, top-level fields replaced) and then the top-level fields named in
 * `omit` removed. `id` is the record's id in this directory.
 */
export interface DemoDirectoryRecord {
  /** The `id` of the service in services.json ("demo-0001"). */
  of: string;
  /** This directory's own id for the record. */
  id: string;
  /** Small differences in this directory's copy (name punctuation, an older assuredDate, …). */
  patch?: Partial<DemoService>;
  /** Top-level fields this directory's copy does not state (a missing phone or email). */
  omit?: (keyof DemoService)[];
}

export interface DemoDirectory {
  /** Short stable id, used in record keys. */
  id: string;
  name: string;
  description: string;
  dialect: DemoDialect;
  /** How this directory's record ids look: UUIDs, numbers, or 0-based numbers. */
  idStyle: 'uuid' | 'numeric' | 'zero-based';
  feedbackUrl: string;
  records: DemoDirectoryRecord[];
}

export interface LatLng {
  lat: number;
  lng: number;
}

export interface DemoPostcodes {
  outcodes: Record<string, LatLng>;
  postcodes: Record<string, LatLng>;
}

export interface DemoData {
  services: DemoService[];
  directories: DemoDirectory[];
  places: Record<string, LatLng>;
  postcodes: DemoPostcodes;
}

/** The date the demo data is "as at". */
export const REFERENCE_DATE = '2026-11-01';
export const SEED = 20261101;
export const SERVICE_COUNT = 400;

/** Everything generated lies inside this box (Cardiff and the Vale of Glamorgan). */
export const BOUNDS = { south: 51.37, north: 51.56, west: -3.52, east: -3.05 } as const;

// ---------------------------------------------------------------------------
// PRNG

export { mulberry32 } from './random.js';
import { mulberry32 } from './random.js';

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** `count` distinct items, in their original order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set(this.shuffle(items.map((_, i) => i)).slice(0, count));
    return items.filter((_, i) => chosen.has(i));
  }
  uuid(): string {
    let hex = '';
    for (let i = 0; i < 32; i++) hex += Math.floor(this.next() * 16).toString(16);
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------
// Geography (real place names and outward codes, approximate centres)

type Region = 'cardiff' | 'vale';

interface Area {
  name: string;
  town: string;
  outcode: string;
  lat: number;
  lng: number;
  region: Region;
}

const AREAS: Area[] = [
  { name: 'Cardiff city centre', town: 'Cardiff', outcode: 'CF10', lat: 51.48, lng: -3.178, region: 'cardiff' },
  { name: 'Butetown', town: 'Cardiff', outcode: 'CF10', lat: 51.466, lng: -3.17, region: 'cardiff' },
  { name: 'Cardiff Bay', town: 'Cardiff', outcode: 'CF10', lat: 51.4625, lng: -3.164, region: 'cardiff' },
  { name: 'Grangetown', town: 'Cardiff', outcode: 'CF11', lat: 51.469, lng: -3.186, region: 'cardiff' },
  { name: 'Canton', town: 'Cardiff', outcode: 'CF11', lat: 51.483, lng: -3.205, region: 'cardiff' },
  { name: 'Riverside', town: 'Cardiff', outcode: 'CF11', lat: 51.481, lng: -3.193, region: 'cardiff' },
  { name: 'Pontcanna', town: 'Cardiff', outcode: 'CF11', lat: 51.4885, lng: -3.1985, region: 'cardiff' },
  { name: 'Cathays', town: 'Cardiff', outcode: 'CF24', lat: 51.492, lng: -3.179, region: 'cardiff' },
  { name: 'Roath', town: 'Cardiff', outcode: 'CF24', lat: 51.4905, lng: -3.164, region: 'cardiff' },
  { name: 'Splott', town: 'Cardiff', outcode: 'CF24', lat: 51.479, lng: -3.15, region: 'cardiff' },
  { name: 'Adamsdown', town: 'Cardiff', outcode: 'CF24', lat: 51.4815, lng: -3.163, region: 'cardiff' },
  { name: 'Tremorfa', town: 'Cardiff', outcode: 'CF24', lat: 51.4835, lng: -3.137, region: 'cardiff' },
  { name: 'Ely', town: 'Cardiff', outcode: 'CF5', lat: 51.481, lng: -3.252, region: 'cardiff' },
  { name: 'Caerau', town: 'Cardiff', outcode: 'CF5', lat: 51.474, lng: -3.246, region: 'cardiff' },
  { name: 'Fairwater', town: 'Cardiff', outcode: 'CF5', lat: 51.493, lng: -3.237, region: 'cardiff' },
  { name: 'Llandaff', town: 'Cardiff', outcode: 'CF5', lat: 51.496, lng: -3.218, region: 'cardiff' },
  { name: 'Whitchurch', town: 'Cardiff', outcode: 'CF14', lat: 51.516, lng: -3.223, region: 'cardiff' },
  { name: 'Rhiwbina', town: 'Cardiff', outcode: 'CF14', lat: 51.523, lng: -3.213, region: 'cardiff' },
  { name: 'Llanishen', town: 'Cardiff', outcode: 'CF14', lat: 51.532, lng: -3.183, region: 'cardiff' },
  { name: 'Heath', town: 'Cardiff', outcode: 'CF14', lat: 51.509, lng: -3.186, region: 'cardiff' },
  { name: 'Gabalfa', town: 'Cardiff', outcode: 'CF14', lat: 51.5, lng: -3.199, region: 'cardiff' },
  { name: 'Penylan', town: 'Cardiff', outcode: 'CF23', lat: 51.499, lng: -3.158, region: 'cardiff' },
  { name: 'Cyncoed', town: 'Cardiff', outcode: 'CF23', lat: 51.514, lng: -3.166, region: 'cardiff' },
  { name: 'Pentwyn', town: 'Cardiff', outcode: 'CF23', lat: 51.525, lng: -3.145, region: 'cardiff' },
  { name: 'Llanedeyrn', town: 'Cardiff', outcode: 'CF23', lat: 51.517, lng: -3.153, region: 'cardiff' },
  { name: 'Rumney', town: 'Cardiff', outcode: 'CF3', lat: 51.505, lng: -3.125, region: 'cardiff' },
  { name: 'Llanrumney', town: 'Cardiff', outcode: 'CF3', lat: 51.519, lng: -3.127, region: 'cardiff' },
  { name: 'St Mellons', town: 'Cardiff', outcode: 'CF3', lat: 51.527, lng: -3.112, region: 'cardiff' },
  { name: 'Trowbridge', town: 'Cardiff', outcode: 'CF3', lat: 51.521, lng: -3.098, region: 'cardiff' },
  { name: 'Barry', town: 'Barry', outcode: 'CF63', lat: 51.405, lng: -3.265, region: 'vale' },
  { name: 'Barry Island', town: 'Barry', outcode: 'CF62', lat: 51.3925, lng: -3.274, region: 'vale' },
  { name: 'Cadoxton', town: 'Barry', outcode: 'CF63', lat: 51.414, lng: -3.248, region: 'vale' },
  { name: 'Gibbonsdown', town: 'Barry', outcode: 'CF63', lat: 51.421, lng: -3.265, region: 'vale' },
  { name: 'Colcot', town: 'Barry', outcode: 'CF62', lat: 51.417, lng: -3.289, region: 'vale' },
  { name: 'Rhoose', town: 'Rhoose', outcode: 'CF62', lat: 51.387, lng: -3.349, region: 'vale' },
  { name: 'St Athan', town: 'St Athan', outcode: 'CF62', lat: 51.404, lng: -3.417, region: 'vale' },
  { name: 'Penarth', town: 'Penarth', outcode: 'CF64', lat: 51.437, lng: -3.175, region: 'vale' },
  { name: 'Dinas Powys', town: 'Dinas Powys', outcode: 'CF64', lat: 51.432, lng: -3.213, region: 'vale' },
  { name: 'Sully', town: 'Sully', outcode: 'CF64', lat: 51.403, lng: -3.218, region: 'vale' },
  { name: 'Llandough', town: 'Penarth', outcode: 'CF64', lat: 51.448, lng: -3.2, region: 'vale' },
  { name: 'Llantwit Major', town: 'Llantwit Major', outcode: 'CF61', lat: 51.408, lng: -3.485, region: 'vale' },
  { name: 'Cowbridge', town: 'Cowbridge', outcode: 'CF71', lat: 51.461, lng: -3.448, region: 'vale' },
  { name: 'Wenvoe', town: 'Wenvoe', outcode: 'CF5', lat: 51.447, lng: -3.267, region: 'vale' },
];

/** Approximate outward-code centroids. */
const OUTCODES: Record<string, LatLng> = {
  CF3: { lat: 51.516, lng: -3.115 },
  CF5: { lat: 51.483, lng: -3.242 },
  CF10: { lat: 51.472, lng: -3.172 },
  CF11: { lat: 51.478, lng: -3.196 },
  CF14: { lat: 51.519, lng: -3.203 },
  CF23: { lat: 51.513, lng: -3.156 },
  CF24: { lat: 51.486, lng: -3.158 },
  CF61: { lat: 51.409, lng: -3.482 },
  CF62: { lat: 51.4, lng: -3.31 },
  CF63: { lat: 51.412, lng: -3.256 },
  CF64: { lat: 51.43, lng: -3.19 },
  CF71: { lat: 51.46, lng: -3.445 },
};

/** Place names the demo's place search knows (a subset of the areas plus the two authorities). */
const PLACE_NAMES = [
  'Cardiff city centre',
  'Cardiff Bay',
  'Butetown',
  'Grangetown',
  'Canton',
  'Cathays',
  'Roath',
  'Splott',
  'Ely',
  'Llandaff',
  'Whitchurch',
  'Rhiwbina',
  'Llanishen',
  'Pentwyn',
  'Rumney',
  'St Mellons',
  'Barry',
  'Barry Island',
  'Rhoose',
  'Penarth',
  'Dinas Powys',
  'Sully',
  'Llantwit Major',
  'Cowbridge',
];

const STREETS = [
  'Church Road',
  'Station Road',
  'High Street',
  'Park Road',
  'Heol y Parc',
  'Victoria Road',
  'Mill Lane',
  'Chapel Street',
  'School Lane',
  'Windsor Road',
  'Albert Street',
  'Grange Road',
  'Broadway',
  'Commercial Road',
  'Market Street',
  'Heol Hir',
  'Heol y Felin',
  'Court Road',
  'Beechwood Drive',
  'Oakfield Avenue',
  'Willow Close',
  'Meadow Street',
  'Ffordd yr Eglwys',
  'Harbour Road',
  'Brook Street',
  'Crwys Lane',
  'Elm Grove',
  'Railway Terrace',
  'Greenway Road',
  'Heol Isaf',
  'Clarence Place',
  'Library Street',
  'Well Lane',
  'Castle Road',
  'Orchard Way',
];

const ACCESSIBILITY = [
  'Wheelchair accessible entrance',
  'Hearing loop',
  'Accessible toilet',
  'Step-free access throughout',
  'Baby changing facilities',
  'Parking nearby',
  'Large print materials available',
  'Quiet room available',
  'Lift to all floors',
];

interface Venue {
  id: string;
  name: string;
  area: Area;
  street: string;
  postcode: string;
  lat: number;
  lng: number;
  accessibility?: string[];
}

const VENUE_PATTERNS = [
  '{area} Community Centre',
  '{area} Hub',
  '{area} Library',
  "St {saint}'s Church Hall",
  '{area} Methodist Church',
  '{area} Baptist Chapel',
  '{area} Leisure Centre',
  'Canolfan {area}',
  '{area} Family Centre',
  '{area} Youth Centre',
  '{area} Park Pavilion',
  'The Old School Rooms',
  '{area} Community Garden',
  'Neuadd {area}',
  '{area} Resource Centre',
];
const SAINTS = ['Mary', 'David', 'Teilo', 'Paul', 'Andrew', 'Catherine', 'Martin', 'Dyfrig', 'Illtud', 'Margaret'];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

// ---------------------------------------------------------------------------
// Vocabularies

type Circumstance =
  | 'Carers'
  | 'Veterans'
  | 'People with a disability'
  | 'Older people'
  | 'Young people'
  | 'Families'
  | 'Refugees and asylum seekers'
  | 'People on a low income'
  | 'LGBTQ+ people'
  | 'People with dementia';

type Category =
  | 'Health and wellbeing'
  | 'Mental health'
  | 'Money and debt'
  | 'Housing'
  | 'Food'
  | 'Staying active'
  | 'Social groups'
  | 'Learning and skills'
  | 'Children and families'
  | "Carers' support"
  | 'Advice and guidance';

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const circumstance = (name: Circumstance): Term => ({ id: `circ-${slug(name)}`, name, vocabulary: 'circumstances' });
const category = (name: Category): Term => ({ id: `cat-${slug(name)}`, name, vocabulary: 'categories' });

// ---------------------------------------------------------------------------
// Kinds of service

type ScheduleStyle = 'weekly' | 'monthly' | 'office' | 'fortnightly';

interface Kind {
  names: string[];
  welshNames?: string[];
  /** Sentence options: first, second, third (third optional). `{area}`, `{venue}`, `{org}` substituted. */
  desc: [string[], string[], string[]?];
  bullets?: string[];
  categories: Category[];
  eligibility?: Circumstance[];
  access: AccessType[];
  attendance?: AttendanceMode[][];
  ages: AgeRange[];
  schedule: ScheduleStyle[];
  times: [string, string][];
  /** Amounts in GBP; empty for always free. */
  prices?: number[];
  priceUnit?: string;
  freeChance?: number;
  /** Delivered by phone or online: no venue. */
  remote?: boolean;
  accessNotes?: string[];
  welshChance?: number;
}

const KINDS = {
  dementiaCafe: {
    names: ['{area} Memory Café', 'Dementia Café at {venue}', '{area} Dementia Friendly Café'],
    welshNames: ['Caffi Cof {area}'],
    desc: [
      [
        'A relaxed café for people living with dementia and the people who care for them.',
        'A friendly monthly get-together for people with memory problems, their families and carers.',
      ],
      [
        'Come for a cuppa, a chat and gentle activities such as music, reminiscence and quizzes.',
        'Volunteers trained as Dementia Friends are on hand, and there is information about local support.',
      ],
      ['No need to book.', 'Tea, coffee and cake provided.'],
    ],
    bullets: ['Tea, coffee and cake', 'Music and reminiscence', 'Information about local support'],
    categories: ['Health and wellbeing', 'Social groups', "Carers' support"],
    eligibility: ['People with dementia', 'Carers', 'Older people'],
    access: ['drop-in'],
    ages: [{ min: 18 }, { min: 50 }],
    schedule: ['monthly', 'monthly', 'weekly'],
    times: [
      ['10:30', '12:30'],
      ['14:00', '16:00'],
      ['13:30', '15:30'],
    ],
    prices: [2, 2.5, 3],
    priceUnit: 'per visit',
    freeChance: 0.6,
    welshChance: 0.2,
  },
  carers: {
    names: ["{area} Carers' Group", "Carers' Coffee Morning", 'Carers Support Group at {venue}', 'Young Adult Carers Group'],
    desc: [
      [
        'A peer support group for unpaid carers looking after a family member or friend.',
        'Time out for carers to meet others in a similar situation and share tips.',
      ],
      [
        'Our carers support worker can help with carers assessments, breaks and benefits.',
        'Occasional guest speakers cover topics such as power of attorney and respite care.',
      ],
      ['You can bring the person you care for if that helps.'],
    ],
    categories: ["Carers' support", 'Social groups', 'Advice and guidance'],
    eligibility: ['Carers'],
    access: ['drop-in', 'self-referral'],
    ages: [{ min: 18 }, { min: 16, max: 25 }],
    schedule: ['monthly', 'weekly', 'fortnightly'],
    times: [
      ['10:00', '12:00'],
      ['18:30', '20:00'],
      ['13:00', '15:00'],
    ],
    freeChance: 1,
    accessNotes: ['Just turn up, or call us first if you would like someone to meet you at the door.'],
  },
  onlineCarers: {
    names: ['Online Carers Chat', 'Carers Evening Zoom Catch-up', 'Carers Phone Link'],
    desc: [
      [
        'A weekly online get-together for unpaid carers who find it hard to get out of the house.',
        'A phone and video support group for carers across Cardiff and the Vale.',
      ],
      ['We send the joining link by email when you register.', 'A carers support worker hosts every session.'],
    ],
    categories: ["Carers' support", 'Mental health'],
    eligibility: ['Carers'],
    access: ['self-referral'],
    attendance: [['online'], ['online', 'phone']],
    ages: [{ min: 18 }],
    schedule: ['weekly'],
    times: [
      ['19:00', '20:00'],
      ['11:00', '12:00'],
    ],
    freeChance: 1,
    remote: true,
  },
  parentToddler: {
    names: ['{area} Parent and Toddler Group', 'Stay and Play at {venue}', 'Little Explorers Stay and Play', 'Baby and Toddler Group'],
    welshNames: ['Cylch Ti a Fi {area}', 'Ti a Fi {area}'],
    desc: [
      [
        'A friendly play session for babies and toddlers with their parents, grandparents or carers.',
        'Messy play, toys, songs and a snack for under-fives and the grown-ups who look after them.',
      ],
      ['A good way to meet other families in {area}.', 'Sessions end with a singalong.'],
      ['Please bring a drink for your child.', 'Buggies can be left in the hall.'],
    ],
    bullets: ['Free play and messy play', 'Songs and rhymes', 'Healthy snack'],
    categories: ['Children and families', 'Social groups'],
    eligibility: ['Families'],
    access: ['drop-in'],
    ages: [{ min: 0, max: 4 }, { max: 4 }, { min: 0, max: 3 }],
    schedule: ['weekly'],
    times: [
      ['09:30', '11:30'],
      ['10:00', '11:30'],
      ['13:30', '15:00'],
    ],
    prices: [1, 1.5, 2],
    priceUnit: 'per family',
    freeChance: 0.3,
    welshChance: 0.25,
  },
  youthClub: {
    names: ['{area} Youth Club', 'Junior Youth Club', '{area} Youth Project Drop-in', 'Friday Night Project'],
    welshNames: ['Clwb Ieuenctid {area}'],
    desc: [
      [
        'Youth club with games, sport, arts and a safe space to hang out with friends.',
        'An evening drop-in for young people run by qualified youth workers.',
      ],
      [
        'Youth workers can also help with school worries, relationships and staying safe online.',
        'Trips and residentials in the holidays.',
      ],
    ],
    categories: ['Children and families', 'Social groups'],
    eligibility: ['Young people'],
    access: ['drop-in', 'membership'],
    ages: [
      { min: 11, max: 18 },
      { min: 8, max: 12 },
      { min: 11, max: 25 },
    ],
    schedule: ['weekly'],
    times: [
      ['18:00', '20:00'],
      ['18:30', '21:00'],
      ['16:00', '18:00'],
    ],
    prices: [0.5, 1],
    priceUnit: 'per session',
    freeChance: 0.7,
    welshChance: 0.15,
  },
  walking: {
    names: ['{area} Health Walk', 'Walking for Wellbeing', '{area} Wellbeing Walkers', 'Buggy Walk'],
    welshNames: ['Cerdded er Lles {area}'],
    desc: [
      [
        'Short, friendly led walks at an easy pace, finishing with a cuppa.',
        'A free group walk of about an hour on level paths, led by trained volunteers.',
      ],
      ['Meet at {venue}.', 'Walks go ahead in most weather, so wear comfortable shoes and bring a waterproof.'],
    ],
    categories: ['Staying active', 'Health and wellbeing'],
    access: ['drop-in'],
    ages: [{ min: 16 }, { min: 18 }],
    schedule: ['weekly'],
    times: [
      ['10:00', '11:00'],
      ['11:00', '12:00'],
      ['13:30', '14:30'],
    ],
    freeChance: 1,
    welshChance: 0.15,
  },
  foodbank: {
    names: ['{area} Foodbank', 'Foodbank at {venue}', '{area} Foodbank Distribution Centre'],
    desc: [
      [
        'Emergency food parcels for people in crisis, with a voucher from a referral agency.',
        'Three days of nutritionally balanced food for people who cannot afford to buy it.',
      ],
      [
        'While you are here, volunteers can signpost you to debt, benefits and housing advice.',
        'Toiletries and baby items are also available.',
      ],
      ['Please bring your voucher with you.'],
    ],
    categories: ['Food', 'Money and debt'],
    eligibility: ['People on a low income', 'Families'],
    access: ['professional-referral'],
    ages: [{ min: 18 }],
    schedule: ['weekly'],
    times: [
      ['10:00', '12:00'],
      ['12:00', '14:00'],
      ['17:00', '19:00'],
    ],
    freeChance: 1,
    accessNotes: [
      'You need a foodbank voucher from a referral agency such as Citizens Advice, your GP or a support worker.',
      'Call us if you do not know how to get a voucher.',
    ],
  },
  pantry: {
    names: ['{area} Community Pantry', '{area} Community Fridge', 'Food Share Club'],
    desc: [
      [
        'A members pantry where you can choose a bag of food each week for a small fee.',
        'Surplus food from local shops, free for anyone to take.',
      ],
      ['Helps families stretch their budget and cuts food waste.', 'Fresh fruit and vegetables most weeks.'],
    ],
    categories: ['Food', 'Money and debt'],
    eligibility: ['People on a low income', 'Families'],
    access: ['membership', 'drop-in'],
    ages: [{ min: 18 }],
    schedule: ['weekly'],
    times: [
      ['14:00', '16:00'],
      ['10:00', '13:00'],
    ],
    prices: [3.5, 4, 5],
    priceUnit: 'per week',
    freeChance: 0.3,
  },
  mensShed: {
    names: ["{area} Men's Shed", '{area} Community Shed', "Men's Shed at {venue}"],
    desc: [
      [
        'A workshop where people come together to make, mend and chat.',
        'Woodwork, repairs and community projects, with tea and plenty of conversation.',
      ],
      ['Everyone is welcome, whatever their skills.', 'Helps people stay connected after retirement or a change in health.'],
    ],
    categories: ['Social groups', 'Mental health', 'Health and wellbeing'],
    eligibility: ['Older people', 'Veterans'],
    access: ['membership', 'drop-in'],
    ages: [{ min: 18 }],
    schedule: ['weekly'],
    times: [
      ['09:30', '13:00'],
      ['10:00', '15:00'],
    ],
    prices: [2, 3],
    priceUnit: 'per session',
    freeChance: 0.2,
  },
  peerSupport: {
    names: [
      '{area} Mental Health Peer Support',
      'Anxiety Peer Support Group',
      'Hearing Voices Group',
      'Wellbeing Circle',
      'Low Mood Support Group',
    ],
    desc: [
      [
        'A peer support group run by people with lived experience of mental ill health.',
        'A safe, confidential space to talk about anxiety, low mood and stress with others who understand.',
      ],
      ['You do not have to talk if you would rather listen.', 'Facilitators are trained in peer support.'],
      ['This is not a crisis service.'],
    ],
    categories: ['Mental health', 'Health and wellbeing'],
    access: ['self-referral', 'drop-in'],
    attendance: [['in-person'], ['in-person', 'online']],
    ages: [{ min: 18 }, { min: 16 }],
    schedule: ['weekly', 'fortnightly'],
    times: [
      ['18:00', '19:30'],
      ['11:00', '12:30'],
      ['19:00', '20:30'],
    ],
    freeChance: 1,
  },
  counselling: {
    names: ['Low-cost Counselling', 'Community Counselling Service', 'Counselling for Young People', 'Bereavement Counselling'],
    desc: [
      [
        'One-to-one counselling with qualified and trainee counsellors.',
        'Short-term talking therapy for adults dealing with anxiety, depression, loss or trauma.',
      ],
      ['Fees are on a sliding scale according to income.', 'Sessions are weekly and usually last 50 minutes.'],
      ['There may be a waiting list.'],
    ],
    bullets: ['Up to 12 weekly sessions', 'Face to face, by phone or by video', 'Sliding-scale fees'],
    categories: ['Mental health', 'Health and wellbeing'],
    access: ['self-referral', 'appointment', 'assessment'],
    attendance: [['in-person', 'online', 'phone'], ['in-person'], ['online', 'phone']],
    ages: [{ min: 18 }, { min: 11, max: 25 }],
    schedule: ['office'],
    times: [
      ['09:00', '17:00'],
      ['09:00', '20:00'],
    ],
    prices: [10, 15, 25],
    priceUnit: 'per session',
    freeChance: 0.3,
    accessNotes: ['Fill in the self-referral form on our website and we will call you for an assessment.'],
  },
  socialPrescribing: {
    names: ['Community Connector Service', 'Social Prescribing Service', 'Wellbeing Link Workers', 'GP Social Prescribing'],
    desc: [
      [
        'Link workers help you find local groups, activities and support that matter to you.',
        'A social prescribing service working with GP practices.',
      ],
      ['Talk to your GP surgery, or refer yourself by phone.', 'Support for loneliness, low mood, money worries and more.'],
    ],
    categories: ['Health and wellbeing', 'Advice and guidance', 'Mental health'],
    eligibility: ['Older people', 'People with a disability'],
    access: ['professional-referral', 'self-referral', 'appointment'],
    attendance: [
      ['in-person', 'phone'],
      ['phone', 'home-visit'],
    ],
    ages: [{ min: 18 }],
    schedule: ['office'],
    times: [
      ['09:00', '17:00'],
      ['08:30', '16:30'],
    ],
    freeChance: 1,
    accessNotes: ['Ask at your GP surgery for a referral, or call us directly.'],
  },
  lunchClub: {
    names: ['{area} Lunch Club', 'Friendship Lunch Club', 'Over 60s Lunch Club', 'Community Lunch at {venue}'],
    welshNames: ['Clwb Cinio {area}', 'Clwb Cinio'],
    desc: [
      ['A hot two-course lunch and good company for older people.', 'A friendly lunch club with a home-cooked meal, a raffle and a chat.'],
      ['Transport can sometimes be arranged.', 'Special diets catered for if you let us know in advance.'],
    ],
    categories: ['Food', 'Social groups'],
    eligibility: ['Older people'],
    access: ['drop-in', 'membership'],
    ages: [{ min: 60 }, { min: 55 }, { min: 50 }],
    schedule: ['weekly', 'fortnightly'],
    times: [
      ['12:00', '14:00'],
      ['12:30', '14:00'],
    ],
    prices: [4, 4.5, 5, 6],
    priceUnit: 'per meal',
    freeChance: 0,
    welshChance: 0.25,
  },
  digital: {
    names: ['Digital Drop-in', 'Get Online Sessions', 'Tablet and Smartphone Help', 'Computer Club'],
    desc: [
      [
        'Free one-to-one help with phones, tablets and laptops.',
        'Friendly volunteers help you get online, from email to video calls and online shopping.',
      ],
      ['Bring your own device or use one of ours.', 'Learn how to use NHS online services and book appointments.'],
    ],
    categories: ['Learning and skills'],
    eligibility: ['Older people'],
    access: ['drop-in', 'appointment'],
    ages: [{ min: 18 }, { min: 16 }],
    schedule: ['weekly'],
    times: [
      ['10:00', '12:00'],
      ['14:00', '16:00'],
    ],
    freeChance: 1,
  },
  esol: {
    names: ['ESOL Conversation Class', 'English Conversation Club', 'ESOL Beginners', 'English for Everyday Life'],
    desc: [
      [
        'Practise speaking English in a relaxed group with volunteer tutors.',
        'Free English classes for speakers of other languages, from beginners up.',
      ],
      ['Help with everyday situations like the doctor, the bank and school.', 'Creche available for some sessions.'],
    ],
    categories: ['Learning and skills'],
    eligibility: ['Refugees and asylum seekers'],
    access: ['drop-in', 'assessment'],
    ages: [{ min: 16 }, { min: 19 }],
    schedule: ['weekly'],
    times: [
      ['10:00', '12:00'],
      ['13:00', '15:00'],
      ['18:00', '20:00'],
    ],
    freeChance: 1,
  },
  welsh: {
    names: ['Welsh Conversation Group', 'Welsh for Beginners Café', 'Welsh Language Book Club'],
    welshNames: ['Paned a Sgwrs', 'Clwb Darllen Cymraeg', 'Sgwrs a Chân {area}', 'Clwb Clebran'],
    desc: [
      [
        'An informal group for Welsh learners and fluent speakers to chat over a cuppa.',
        'Practise your Welsh in a friendly, no-pressure group.',
      ],
      ['All levels welcome, from complete beginners.', 'Croeso i bawb: everyone is welcome.'],
    ],
    categories: ['Learning and skills', 'Social groups'],
    access: ['drop-in'],
    ages: [{ min: 16 }, { min: 18 }],
    schedule: ['weekly', 'monthly'],
    times: [
      ['19:00', '20:30'],
      ['11:00', '12:30'],
    ],
    freeChance: 0.8,
    prices: [2],
    priceUnit: 'per session',
    welshChance: 0.7,
  },
  debt: {
    names: ['Debt Advice', 'Money Advice Drop-in', 'Debt Advice Surgery at {venue}', 'Money Worries Helpline'],
    desc: [
      [
        'Free, confidential advice if you are struggling with debt, bills or arrears.',
        'Specialist debt advisers help you make a plan and deal with creditors.',
      ],
      ['We can help with priority debts, bankruptcy and debt relief orders.', 'Appointments in person or over the phone.'],
    ],
    bullets: ['Budgeting and money plans', 'Dealing with creditors and bailiffs', 'Debt relief orders'],
    categories: ['Money and debt', 'Advice and guidance'],
    eligibility: ['People on a low income'],
    access: ['appointment', 'self-referral', 'drop-in'],
    attendance: [['in-person', 'phone'], ['phone'], ['in-person']],
    ages: [{ min: 18 }],
    schedule: ['office', 'weekly'],
    times: [
      ['09:30', '16:30'],
      ['10:00', '13:00'],
    ],
    freeChance: 1,
    accessNotes: ['Call to book an appointment. Drop-in slots are first come, first served.'],
  },
  benefits: {
    names: ['Benefits Advice', 'Welfare Rights Surgery', 'Benefit Check Drop-in', 'Universal Credit Help'],
    desc: [
      [
        'Help to check you are getting all the benefits you are entitled to.',
        'Advice on Universal Credit, PIP and other benefits, including forms and appeals.',
      ],
      ['Bring any letters you have received.', 'We can help you challenge a decision.'],
    ],
    categories: ['Money and debt', 'Advice and guidance'],
    eligibility: ['People on a low income', 'People with a disability'],
    access: ['appointment', 'drop-in'],
    attendance: [['in-person', 'phone'], ['in-person']],
    ages: [{ min: 16 }, { min: 18 }],
    schedule: ['office', 'weekly'],
    times: [
      ['09:30', '16:30'],
      ['13:00', '16:00'],
    ],
    freeChance: 1,
  },
  housing: {
    names: ['Housing Advice Surgery', 'Tenancy Support', 'Homeless Prevention Advice', 'Private Renters Advice'],
    desc: [
      [
        'Advice if you are at risk of losing your home, have problems with a landlord or need help with rent arrears.',
        'Support to help tenants keep their tenancy, manage bills and get repairs done.',
      ],
      ['We can speak to your landlord on your behalf.', 'If you are homeless tonight, call the council housing options line.'],
    ],
    categories: ['Housing', 'Advice and guidance'],
    eligibility: ['People on a low income'],
    access: ['appointment', 'self-referral', 'professional-referral'],
    attendance: [
      ['in-person', 'phone'],
      ['home-visit', 'phone'],
    ],
    ages: [{ min: 16 }, { min: 18 }],
    schedule: ['office', 'weekly'],
    times: [
      ['09:00', '17:00'],
      ['10:00', '12:30'],
    ],
    freeChance: 1,
  },
  energy: {
    names: ['Energy Advice', 'Warm Homes Advice', 'Fuel Debt Advice'],
    desc: [
      [
        'Advice on cutting energy bills, fuel debt and keeping warm at home.',
        'Energy advisers help with switching, meters, grants and fuel vouchers.',
      ],
      ['Home visits for people who cannot get out.', 'Ask about the winter fuel support scheme.'],
    ],
    categories: ['Money and debt', 'Housing', 'Advice and guidance'],
    eligibility: ['People on a low income', 'Older people'],
    access: ['appointment', 'self-referral'],
    attendance: [
      ['phone', 'home-visit'],
      ['in-person', 'phone'],
    ],
    ages: [{ min: 18 }],
    schedule: ['office'],
    times: [['09:00', '17:00']],
    freeChance: 1,
  },
  chairYoga: {
    names: ['Chair Yoga', 'Seated Exercise', 'Tai Chi for Health', 'Gentle Movement', 'Strength and Balance Class'],
    desc: [
      [
        'Gentle exercise you can do sitting down or standing with the support of a chair.',
        'A low-impact class to improve strength, balance and flexibility.',
      ],
      ['Suitable for beginners and people with limited mobility.', 'Led by a qualified instructor.'],
    ],
    categories: ['Staying active', 'Health and wellbeing'],
    eligibility: ['Older people', 'People with a disability'],
    access: ['drop-in', 'membership'],
    ages: [{ min: 50 }, { min: 60 }, { min: 18 }],
    schedule: ['weekly'],
    times: [
      ['10:00', '11:00'],
      ['11:15', '12:15'],
      ['14:00', '15:00'],
    ],
    prices: [3, 3.5, 4],
    priceUnit: 'per session',
    freeChance: 0.15,
  },
  lgbtq: {
    names: ['LGBTQ+ Social', 'Rainbow Coffee Group', 'LGBTQ+ Youth Group', 'Pride Book Club'],
    desc: [
      [
        'A friendly social group for LGBTQ+ people and friends.',
        'A safe space to meet other LGBTQ+ people, chat and take part in activities.',
      ],
      ['Allies welcome.', 'Email us if you would like someone to meet you the first time.'],
    ],
    categories: ['Social groups', 'Mental health'],
    eligibility: ['LGBTQ+ people', 'Young people'],
    access: ['drop-in', 'self-referral'],
    ages: [{ min: 18 }, { min: 13, max: 19 }],
    schedule: ['weekly', 'monthly'],
    times: [
      ['18:30', '20:30'],
      ['17:00', '19:00'],
    ],
    freeChance: 1,
  },
  veterans: {
    names: ["Veterans' Breakfast Club", 'Armed Forces Drop-in', 'Veterans Coffee Morning'],
    desc: [
      [
        'A monthly breakfast for veterans and their families to meet, share stories and find support.',
        'A drop-in for anyone who has served in the armed forces.',
      ],
      ['Advisers can help with housing, benefits and health.', 'Serving personnel and reservists welcome.'],
    ],
    categories: ['Social groups', 'Advice and guidance'],
    eligibility: ['Veterans'],
    access: ['drop-in'],
    ages: [{ min: 18 }],
    schedule: ['monthly'],
    times: [
      ['09:00', '11:00'],
      ['10:00', '12:00'],
    ],
    prices: [5, 6],
    priceUnit: 'per breakfast',
    freeChance: 0.4,
  },
  refugee: {
    names: ['Welcome Drop-in', 'Sanctuary Café', 'Friends Without Borders Drop-in', 'New Neighbours Café'],
    desc: [
      [
        'A weekly drop-in for refugees and people seeking asylum, with a hot drink and a warm welcome.',
        'Practical help, advice and friendship for people new to the UK.',
      ],
      ['Volunteers can help with forms, appointments and finding English classes.', 'Donated clothes and toiletries available.'],
    ],
    categories: ['Advice and guidance', 'Social groups'],
    eligibility: ['Refugees and asylum seekers', 'Families'],
    access: ['drop-in'],
    ages: [{ min: 18 }, { min: 0 }],
    schedule: ['weekly'],
    times: [
      ['10:00', '13:00'],
      ['13:00', '16:00'],
    ],
    freeChance: 1,
  },
  disabilityClub: {
    names: ['Inclusive Sports Club', 'Learning Disability Social Club', 'Accessible Dance Class', 'Friday Friends Club'],
    desc: [
      [
        'A social club for adults with a learning disability, with music, games and trips.',
        'Inclusive sport and games for disabled and non-disabled people.',
      ],
      ['Support workers and carers are welcome to stay.', 'Equipment provided.'],
    ],
    categories: ['Social groups', 'Staying active'],
    eligibility: ['People with a disability', 'Carers'],
    access: ['membership', 'drop-in'],
    ages: [{ min: 16 }, { min: 18 }, { min: 8, max: 18 }],
    schedule: ['weekly'],
    times: [
      ['18:00', '20:00'],
      ['10:30', '12:30'],
    ],
    prices: [2, 3],
    priceUnit: 'per session',
    freeChance: 0.4,
  },
  sensory: {
    names: ['Sensory Play Session', 'Inclusive Stay and Play', 'Autism Family Group'],
    desc: [
      [
        'A calm, sensory-friendly play session for children with additional needs and their families.',
        'A relaxed session for families of children with autism or additional needs.',
      ],
      ['Lights are dimmed and numbers are kept small.', 'Siblings welcome.'],
    ],
    categories: ['Children and families'],
    eligibility: ['Families', 'People with a disability'],
    access: ['drop-in', 'self-referral'],
    ages: [
      { min: 0, max: 11 },
      { min: 0, max: 5 },
    ],
    schedule: ['weekly', 'monthly'],
    times: [
      ['10:00', '11:30'],
      ['15:45', '17:00'],
    ],
    freeChance: 0.8,
    prices: [2],
    priceUnit: 'per family',
  },
  breastfeeding: {
    names: ['Breastfeeding Support Group', 'Baby Feeding Café', 'New Parents Group'],
    desc: [
      [
        'Support with feeding your baby from trained peer supporters.',
        'Meet other new parents and get friendly support with feeding and sleep.',
      ],
      ['However you feed your baby, you are welcome.', 'Pregnant parents welcome too.'],
    ],
    categories: ['Children and families', 'Health and wellbeing'],
    eligibility: ['Families'],
    access: ['drop-in'],
    ages: [{ max: 1 }, { min: 0, max: 2 }],
    schedule: ['weekly'],
    times: [
      ['10:00', '12:00'],
      ['13:30', '15:00'],
    ],
    freeChance: 1,
  },
  homework: {
    names: ['Homework Club', 'After-school Homework Help', 'Reading Buddies'],
    desc: [
      ['A quiet space to do homework with help from volunteers.', 'After-school help with reading, maths and homework.'],
      ['Computers and a snack available.', 'Parents are welcome to stay.'],
    ],
    categories: ['Children and families', 'Learning and skills'],
    eligibility: ['Young people', 'Families'],
    access: ['drop-in'],
    ages: [
      { min: 7, max: 16 },
      { min: 5, max: 11 },
    ],
    schedule: ['weekly'],
    times: [
      ['15:30', '17:00'],
      ['16:00', '17:30'],
    ],
    freeChance: 1,
  },
  knit: {
    names: ['Knit and Natter', 'Craft and Chat', 'Crafty Cuppa'],
    desc: [
      ['Bring your knitting, crochet or sewing and join us for a chat.', 'A friendly crafting group; beginners welcome and wool provided.'],
      ['We also make blankets and hats for local charities.'],
    ],
    categories: ['Social groups'],
    eligibility: ['Older people'],
    access: ['drop-in'],
    ages: [{ min: 18 }, { min: 16 }],
    schedule: ['weekly', 'fortnightly'],
    times: [
      ['13:30', '15:30'],
      ['10:00', '12:00'],
    ],
    prices: [1, 2],
    priceUnit: 'including tea',
    freeChance: 0.4,
  },
  choir: {
    names: ['Community Choir', 'Singing for Wellbeing', 'Rock Choir for Beginners'],
    welshNames: ['Côr Cymunedol {area}', 'Côr Lles'],
    desc: [
      ['A friendly, non-auditioned choir singing pop, folk and Welsh songs.', 'Singing for fun, for breathing and for wellbeing.'],
      ['No need to read music.', 'We perform at local events a few times a year.'],
    ],
    categories: ['Social groups', 'Health and wellbeing'],
    access: ['drop-in', 'membership'],
    ages: [{ min: 16 }, { min: 18 }],
    schedule: ['weekly'],
    times: [
      ['19:00', '21:00'],
      ['14:00', '15:30'],
    ],
    prices: [3, 4, 5],
    priceUnit: 'per session',
    freeChance: 0.2,
    welshChance: 0.3,
  },
  gardening: {
    names: ['Community Garden Volunteers', 'Therapeutic Gardening Group', 'Grow Your Own Club'],
    desc: [
      ['Get outdoors, grow fruit and vegetables and meet new people.', 'A gardening group for wellbeing, with tools and gloves provided.'],
      ['No experience needed.', 'Produce is shared between volunteers and the local foodbank.'],
    ],
    categories: ['Staying active', 'Health and wellbeing', 'Mental health'],
    access: ['drop-in', 'self-referral', 'professional-referral'],
    ages: [{ min: 18 }, { min: 16 }],
    schedule: ['weekly'],
    times: [
      ['10:00', '13:00'],
      ['13:00', '16:00'],
    ],
    freeChance: 1,
  },
  bereavement: {
    names: ['Bereavement Support Group', 'Bereavement Café', 'After Loss Support Group'],
    desc: [
      [
        'A supportive group for anyone who has lost someone close to them.',
        'Meet others who understand what grief is like, over a cup of tea.',
      ],
      ['Trained volunteers facilitate each session.', 'You are welcome however long ago your loss was.'],
    ],
    categories: ['Mental health', 'Health and wellbeing', 'Social groups'],
    access: ['drop-in', 'self-referral'],
    ages: [{ min: 18 }],
    schedule: ['monthly', 'fortnightly'],
    times: [
      ['14:00', '16:00'],
      ['18:00', '19:30'],
    ],
    freeChance: 1,
  },
  befriending: {
    names: ['Telephone Befriending', 'Friendly Voices Phone Service', 'Home Visiting Befriending'],
    desc: [
      [
        'A weekly friendly phone call from a trained volunteer for people who feel lonely or isolated.',
        'Volunteers visit older people at home for a chat and a cup of tea.',
      ],
      ['We match you with a volunteer who shares your interests.', 'Calls can be in Welsh or English.'],
    ],
    categories: ['Social groups', 'Mental health'],
    eligibility: ['Older people', 'People with a disability'],
    access: ['self-referral', 'professional-referral'],
    attendance: [['phone'], ['home-visit']],
    ages: [{ min: 60 }, { min: 50 }, { min: 18 }],
    schedule: ['office'],
    times: [
      ['09:00', '17:00'],
      ['10:00', '16:00'],
    ],
    freeChance: 1,
    remote: true,
    accessNotes: ['Refer yourself, or ask a family member, GP or support worker to refer you.'],
  },
  jobClub: {
    names: ['Job Club', 'Work and Skills Drop-in', 'CV and Interview Help'],
    desc: [
      [
        'Help with job searching, CVs, applications and interview practice.',
        'One-to-one support to get back into work, training or volunteering.',
      ],
      ['Computers and printing available.', 'We can help with travel costs to interviews.'],
    ],
    categories: ['Learning and skills', 'Advice and guidance'],
    eligibility: ['People on a low income', 'Young people'],
    access: ['drop-in', 'appointment'],
    ages: [{ min: 16 }, { min: 18 }, { min: 16, max: 24 }],
    schedule: ['weekly'],
    times: [
      ['10:00', '12:00'],
      ['13:00', '15:30'],
    ],
    freeChance: 1,
  },
} satisfies Record<string, Kind>;
type KindId = keyof typeof KINDS;

// ---------------------------------------------------------------------------
// Invented organisations

interface Org {
  id: string;
  name: string;
  domain: string;
  region: Region | 'both';
  kinds: KindId[];
  hasUrl: boolean;
  phone: string;
  email: string;
}

const ORG_SPECS: [string, string, Region | 'both', KindId[]][] = [
  [
    'Taff Side Community Trust',
    'taffsidetrust.org.uk',
    'cardiff',
    ['parentToddler', 'youthClub', 'lunchClub', 'digital', 'homework', 'knit'],
  ],
  [
    'Bayside Wellbeing Collective',
    'bayside-wellbeing.org.uk',
    'cardiff',
    ['peerSupport', 'walking', 'chairYoga', 'gardening', 'socialPrescribing'],
  ],
  ['Cwtch Carers Network', 'cwtchcarers.cymru', 'both', ['carers', 'dementiaCafe', 'onlineCarers']],
  ["Ffrindiau'r Fro", 'ffrindiaurfro.cymru', 'vale', ['welsh', 'lunchClub', 'choir', 'befriending']],
  ['Harbour Lights Money Advice', 'harbourlightsadvice.org.uk', 'both', ['debt', 'benefits', 'energy']],
  ['Greenway Walkers', 'greenwaywalkers.org.uk', 'both', ['walking']],
  ['Northside Youth Project', 'northsideyouth.org.uk', 'cardiff', ['youthClub', 'homework', 'lgbtq']],
  ['Open Door Welcome Project', 'opendoorwelcome.org.uk', 'cardiff', ['refugee', 'esol']],
  ['Vale Memory Friends', 'valememoryfriends.org.uk', 'vale', ['dementiaCafe', 'carers']],
  ['Eastside Foodbank Partnership', 'eastsidefoodbank.org.uk', 'cardiff', ['foodbank', 'pantry']],
  ['Coastline Foodbank', 'coastlinefoodbank.org.uk', 'vale', ['foodbank', 'pantry']],
  ['Workbench Sheds Cymru', 'workbenchsheds.cymru', 'both', ['mensShed']],
  ['Calm Waters Counselling', 'calmwaters-counselling.org.uk', 'both', ['counselling', 'bereavement']],
  ['Kindly Ear Counselling Service', 'kindlyear.org.uk', 'cardiff', ['counselling']],
  ['Connect Well Cardiff', 'connectwell-cardiff.org.uk', 'cardiff', ['socialPrescribing', 'digital', 'jobClub']],
  ['Vale Community Connectors', 'valeconnectors.org.uk', 'vale', ['socialPrescribing', 'befriending', 'digital']],
  ['Homeground Housing Advice', 'homegroundadvice.org.uk', 'both', ['housing', 'benefits']],
  ['Tenants First Cymru', 'tenantsfirst.cymru', 'both', ['housing', 'energy']],
  ['Rainbow Bridge Cardiff', 'rainbowbridge-cardiff.org.uk', 'cardiff', ['lgbtq', 'peerSupport']],
  ['Forces Friends Wales', 'forcesfriends.cymru', 'both', ['veterans']],
  ['Little Acorns Family Network', 'littleacornsfamily.org.uk', 'both', ['parentToddler', 'breastfeeding', 'sensory']],
  ['Cylch Cymraeg y Ddinas', 'cylchcymraeg.cymru', 'cardiff', ['welsh', 'parentToddler', 'choir']],
  ['AllPlay Vale', 'allplay-vale.org.uk', 'vale', ['sensory', 'disabilityClub']],
  ['Able Together Cardiff', 'abletogether-cardiff.org.uk', 'cardiff', ['disabilityClub', 'sensory']],
  ['Silver Threads Lunch Clubs', 'silverthreads.org.uk', 'both', ['lunchClub', 'knit']],
  ['Stepping Stones Learning', 'steppingstoneslearning.org.uk', 'both', ['esol', 'digital', 'jobClub']],
  ['Grow Together Gardens', 'growtogethergardens.org.uk', 'both', ['gardening']],
  ['Side by Side Peer Support', 'sidebyside-peers.org.uk', 'both', ['peerSupport', 'bereavement']],
  ["St Teilo's Parish Community Project", 'stteilos-community.org.uk', 'cardiff', ['lunchClub', 'knit', 'foodbank', 'carers']],
  ['Seafront Friends Penarth', 'seafrontfriends.org.uk', 'vale', ['walking', 'chairYoga', 'choir']],
  ['Westvale Community Trust', 'westvaletrust.org.uk', 'vale', ['youthClub', 'lunchClub', 'digital', 'parentToddler']],
  ['Gentle Moves', 'gentlemoves.cymru', 'both', ['chairYoga']],
  ['Young Voices Barry', 'youngvoicesbarry.org.uk', 'vale', ['youthClub', 'lgbtq', 'homework']],
  ['Brightwell Debt Advice', 'brightwelladvice.org.uk', 'cardiff', ['debt', 'benefits']],
  ['Riverbank Refugee Friends', 'riverbankfriends.org.uk', 'both', ['refugee', 'esol']],
  ['Llais Lles', 'llaislles.cymru', 'both', ['peerSupport', 'befriending', 'onlineCarers']],
];

// Ofcom drama numbers: 029 2018 0000–0999 (Cardiff) and 07700 900000–900999 (mobile).
class Phones {
  private used = new Set<number>();
  constructor(private readonly rng: Rng) {}
  private fresh(): number {
    for (;;) {
      const n = this.rng.int(0, 999);
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
  }
  landline(): string {
    return `029 2018 0${String(this.fresh()).padStart(3, '0')}`;
  }
  mobile(): string {
    return `07700 900${String(this.rng.int(0, 999)).padStart(3, '0')}`;
  }
}

// ---------------------------------------------------------------------------
// Dates

const REF_MS = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysBefore = (days: number) => isoDate(REF_MS - days * DAY_MS);

// ---------------------------------------------------------------------------
// Helpers

const fill = (s: string, v: { area: string; venue: string; org: string }) =>
  s.replaceAll('{area}', v.area).replaceAll('{venue}', v.venue).replaceAll('{org}', v.org);

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const WEEKDAYS_ONLY: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

const formatPrice = (n: number) => (Number.isInteger(n) ? `£${n}` : `£${n.toFixed(2)}`);

function htmlEscape(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

// ---------------------------------------------------------------------------
// The generator

export function generate(seed: number = SEED): DemoData {
  const rng = new Rng(seed);
  const phones = new Phones(rng);

  // Postcodes: one per venue, unique, plus CF10 1EP.
  const postcodes: Record<string, LatLng> = {};
  const usedOutcodes = new Set<string>();
  function newPostcode(area: Area): { postcode: string; lat: number; lng: number } {
    for (;;) {
      const inward = `${rng.int(1, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`;
      const postcode = `${area.outcode} ${inward}`;
      if (postcodes[postcode] || postcode === 'CF10 1EP') continue;
      const lat = round6(area.lat + (rng.float() - 0.5) * 0.012);
      const lng = round6(area.lng + (rng.float() - 0.5) * 0.018);
      postcodes[postcode] = { lat, lng };
      usedOutcodes.add(area.outcode);
      return { postcode, lat, lng };
    }
  }

  // Venues: a pool per area, grown on demand.
  const venues: Venue[] = [];
  const venueNames = new Set<string>();
  function newVenue(area: Area): Venue {
    let name = '';
    for (let tries = 0; tries < 50; tries++) {
      name = rng
        .pick(VENUE_PATTERNS)
        .replace('{area}', area.name.replace('Cardiff city centre', 'City Centre'))
        .replace('{saint}', rng.pick(SAINTS));
      if (!venueNames.has(name)) break;
    }
    if (venueNames.has(name)) name = `${name} Annexe`;
    venueNames.add(name);
    const pc = newPostcode(area);
    const access = ACCESSIBILITY.filter(() => rng.chance(0.35));
    const venue: Venue = {
      id: `venue-${String(venues.length + 1).padStart(3, '0')}`,
      name,
      area,
      street: `${rng.chance(0.15) ? `Unit ${rng.int(1, 12)}, ` : ''}${rng.int(1, 180)} ${rng.pick(STREETS)}`,
      postcode: pc.postcode,
      lat: round6(pc.lat + (rng.float() - 0.5) * 0.0008),
      lng: round6(pc.lng + (rng.float() - 0.5) * 0.0012),
      ...(access.length ? { accessibility: access } : {}),
    };
    venues.push(venue);
    return venue;
  }
  function venueIn(area: Area): Venue {
    const existing = venues.filter((v) => v.area === area);
    if (existing.length < 2 || rng.chance(0.25)) return newVenue(area);
    return rng.pick(existing);
  }
  const locationOf = (v: Venue): Location => ({
    id: v.id,
    name: v.name,
    address: { street: v.street, town: v.area.town, postcode: v.postcode },
    lat: v.lat,
    lng: v.lng,
    ...(v.accessibility ? { accessibility: [...v.accessibility] } : {}),
  });

  // Organisations.
  const orgs: Org[] = ORG_SPECS.map(([name, domain, region, kinds], i) => ({
    id: `org-${String(i + 1).padStart(3, '0')}`,
    name,
    domain,
    region,
    kinds,
    hasUrl: rng.chance(0.85),
    phone: phones.landline(),
    email: `${rng.pick(['info', 'hello', 'admin', 'contact'])}@${domain}`,
  }));

  const cardiffAreas = AREAS.filter((a) => a.region === 'cardiff');
  const valeAreas = AREAS.filter((a) => a.region === 'vale');

  function schedulesFor(kind: Kind, locationIds: string[]): Schedule[] | undefined {
    const style = rng.pick(kind.schedule);
    const [opensAt, closesAt] = rng.pick(kind.times);
    const rules: Schedule[] = [];
    if (rng.chance(0.05)) {
      // The directory's own words only.
      const texts = [
        `Every other ${DAY_NAMES[rng.pick(WEEKDAYS_ONLY)]} during term time, ${opensAt} to ${closesAt}`,
        'Please phone for current session times',
        `${DAY_NAMES[rng.pick(WEEKDAYS_ONLY)]} mornings, except bank holidays`,
        'Times vary; see our website or social media for this month’s dates',
      ];
      return [{ description: rng.pick(texts) }];
    }
    if (style === 'office') {
      if (rng.chance(0.6)) {
        rules.push({ freq: 'WEEKLY', byday: WEEKDAYS_ONLY.map((day) => ({ day })), opensAt, closesAt });
      } else {
        rules.push({ freq: 'WEEKLY', byday: ['MO', 'TU', 'WE', 'TH'].map((day) => ({ day: day as Weekday })), opensAt, closesAt });
        rules.push({ freq: 'WEEKLY', byday: [{ day: 'FR' }], opensAt, closesAt: '13:00' });
      }
    } else if (style === 'monthly') {
      const nth = rng.weighted<number>([
        [1, 3],
        [2, 2],
        [3, 2],
        [4, 1],
        [-1, 2],
      ]);
      const day = rng.pick(rng.chance(0.1) ? (['SA'] as Weekday[]) : WEEKDAYS_ONLY);
      rules.push({ freq: 'MONTHLY', byday: [{ day, nth }], opensAt, closesAt });
    } else if (style === 'fortnightly') {
      const day = rng.pick(WEEKDAYS_ONLY);
      // dtstart: a matching weekday in early September 2026 (2026-09-07 is a Monday).
      const start = isoDate(Date.UTC(2026, 8, 7) + WEEKDAYS_ONLY.indexOf(day) * DAY_MS);
      rules.push({ freq: 'WEEKLY', interval: 2, byday: [{ day }], dtstart: start, opensAt, closesAt });
    } else {
      const days = rng.chance(0.15) ? rng.sample(WEEKDAYS_ONLY, 2) : [rng.pick(rng.chance(0.08) ? (['SA'] as Weekday[]) : WEEKDAYS_ONLY)];
      rules.push({ freq: 'WEEKLY', byday: days.map((day) => ({ day })), opensAt, closesAt });
    }
    // Term-time or seasonal validity on some rules.
    if (rng.chance(0.12)) {
      const window = rng.pick([
        { validFrom: '2026-09-07', validTo: '2026-12-18' },
        { validFrom: '2026-04-01', validTo: '2026-10-31' },
        { validFrom: '2027-01-11' },
        { validFrom: '2026-09-01', validTo: '2027-07-16' },
        { validTo: '2027-03-31' },
      ]);
      for (const r of rules) Object.assign(r, window);
    }
    if (locationIds.length > 1) {
      // Per-location rules: the first rule at the first venue, a copy on another day at the second.
      const first = rules[0]!;
      first.locationId = locationIds[0]!;
      const otherDay = WEEKDAYS_ONLY.find((d) => !first.byday?.some((b) => b.day === d)) ?? 'SA';
      rules.push({ ...first, byday: [{ day: otherDay }], locationId: locationIds[1]! });
    }
    return rules;
  }

  function closuresFor(): Closure[] {
    return rng.pick<Closure[]>([
      [{ startDate: '2026-12-24', endDate: '2027-01-02', closed: true, description: 'Closed for Christmas and New Year' }],
      [{ startDate: '2026-12-21', endDate: '2027-01-04', closed: true }],
      [
        {
          startDate: '2026-12-21',
          endDate: '2026-12-23',
          closed: false,
          opensAt: '10:00',
          closesAt: '13:00',
          description: 'Shorter hours before Christmas',
        },
        { startDate: '2026-12-24', endDate: '2027-01-02', closed: true, description: 'Closed over Christmas' },
      ],
      [{ startDate: '2027-03-26', endDate: '2027-04-09', closed: true, description: 'No sessions over the Easter holidays' }],
      [{ startDate: '2026-10-26', endDate: '2026-10-30', closed: true, description: 'Half term' }],
    ]);
  }

  function costFor(kind: Kind): Cost {
    const freeChance = kind.freeChance ?? 1;
    if (!kind.prices || rng.chance(freeChance)) {
      return rng.chance(0.3) ? { free: true, text: 'Free' } : { free: true };
    }
    const amount = rng.pick(kind.prices);
    const unit = kind.priceUnit ?? 'per session';
    const cost: Cost = {
      free: false,
      options: [{ amount, currency: 'GBP', description: unit }],
      text: `${formatPrice(amount)} ${unit}`,
    };
    if (rng.chance(0.25) && amount >= 2) {
      const conc = Math.round(amount * 50) / 100;
      cost.options!.push({ option: 'Concessions', amount: conc, currency: 'GBP', description: unit });
      cost.text = `${formatPrice(amount)} ${unit}, ${formatPrice(conc)} concessions`;
    }
    return cost;
  }

  const usedNames = new Set<string>();

  function makeService(org: Org, kindId: KindId, opts: { area?: Area; venue?: Venue } = {}): DemoService {
    const kind: Kind = KINDS[kindId];
    const region: Region = org.region === 'both' ? (rng.chance(0.65) ? 'cardiff' : 'vale') : org.region;
    const area = opts.area ?? rng.pick(region === 'cardiff' ? cardiffAreas : valeAreas);
    const remote = kind.remote === true;
    const venue = remote ? undefined : (opts.venue ?? venueIn(area));
    const secondVenue =
      !remote && !opts.venue && rng.chance(0.07) ? venueIn(rng.pick(area.region === 'cardiff' ? cardiffAreas : valeAreas)) : undefined;

    const welsh = kind.welshNames && rng.chance(kind.welshChance ?? 0);
    let name = '';
    for (let tries = 0; tries < 20; tries++) {
      const pattern = welsh ? rng.pick(kind.welshNames!) : rng.pick(kind.names);
      name = fill(pattern, { area: area.name, venue: venue?.name ?? area.name, org: org.name });
      if (!usedNames.has(`${name}|${venue?.id ?? org.id}`)) break;
    }
    if (usedNames.has(`${name}|${venue?.id ?? org.id}`)) name = `${name} (${area.name})`;
    usedNames.add(`${name}|${venue?.id ?? org.id}`);

    const vars = { area: area.name, venue: venue?.name ?? area.name, org: org.name };
    const sentences = [fill(rng.pick(kind.desc[0]), vars)];
    if (rng.chance(0.8)) sentences.push(fill(rng.pick(kind.desc[1]), vars));
    if (kind.desc[2] && rng.chance(0.4)) sentences.push(fill(rng.pick(kind.desc[2]), vars));

    const s: DemoService = { id: '', name, description: sentences.join(' ') };

    if (kind.bullets && rng.chance(0.3)) {
      const items = kind.bullets;
      s.descriptionHtml = `<p>${htmlEscape(sentences.join(' '))}</p><ul>${items.map((b) => `<li>${htmlEscape(b)}</li>`).join('')}</ul>`;
      s.description = `${sentences.join(' ')} ${items.join('. ')}.`;
    } else if (sentences.length > 1 && rng.chance(0.09)) {
      s.descriptionHtml = `<p>${htmlEscape(sentences[0]!)}</p><p>${htmlEscape(sentences.slice(1).join(' '))}</p>`;
    }

    if (org.hasUrl && rng.chance(0.85)) {
      s.url = rng.chance(0.6) ? `https://www.${org.domain}/services/${slug(name)}` : `https://www.${org.domain}/`;
    }
    if (rng.chance(0.85)) s.email = rng.chance(0.7) ? org.email : `${slug(kindId)}@${org.domain}`;
    if (rng.chance(0.88)) {
      s.phones = [{ number: rng.chance(0.75) ? org.phone : phones.landline() }];
      if (rng.chance(0.1)) s.phones.push({ number: phones.mobile(), description: 'Mobile, on session days' });
    }
    s.organisation = {
      id: org.id,
      name: org.name,
      ...(org.hasUrl ? { url: `https://www.${org.domain}/` } : {}),
    };
    s.status = 'active';

    s.access = rng.sample(kind.access, rng.int(1, Math.min(2, kind.access.length)));
    if (kind.accessNotes && rng.chance(0.4)) s.accessNote = rng.pick(kind.accessNotes);
    else if (rng.chance(0.05)) s.accessNote = rng.pick(['Call us before your first visit.', 'Booking recommended as places are limited.']);
    s.attendance = [...(kind.attendance ? rng.pick(kind.attendance) : (['in-person'] as AttendanceMode[]))];
    s.ages = { ...rng.pick(kind.ages) };
    if (kind.eligibility && rng.chance(0.85)) {
      s.eligibility = rng.sample(kind.eligibility, rng.int(1, kind.eligibility.length)).map(circumstance);
    }
    s.categories = rng.sample(kind.categories, rng.int(1, kind.categories.length)).map(category);

    const locations: Location[] = [];
    if (venue) locations.push(locationOf(venue));
    if (secondVenue && secondVenue !== venue) locations.push(locationOf(secondVenue));
    if (locations.length) s.locations = locations;

    const sched = schedulesFor(
      kind,
      locations.map((l) => l.id!),
    );
    if (sched) s.schedules = sched;
    if (rng.chance(0.1)) s.closures = closuresFor();

    if (rng.chance(0.88)) s.cost = costFor(kind);

    if (welsh) s.languages = rng.chance(0.5) ? ['Welsh'] : ['Welsh', 'English'];
    else if (kindId === 'refugee' || (kindId === 'esol' && rng.chance(0.5)))
      s.languages = ['English', 'Arabic', 'Farsi', 'Kurdish'].slice(0, rng.int(2, 4));
    else if (rng.chance(0.9)) s.languages = rng.chance(0.2) ? ['English', 'Welsh'] : ['English'];

    s.serviceAreas =
      remote && rng.chance(0.5) ? ['Cardiff', 'Vale of Glamorgan'] : [area.region === 'cardiff' ? 'Cardiff' : 'Vale of Glamorgan'];

    assure(s, rng.int(14, 365));
    return s;
  }

  /** Checked `age` days before the reference date; last changed around then. */
  function assure(s: DemoService, age: number): void {
    s.assuredDate = daysBefore(age);
    const modifiedMs = REF_MS - rng.int(Math.max(1, age - 30), age + 20) * DAY_MS + rng.int(8 * 60, 18 * 60) * 60_000;
    s.lastModified = new Date(Math.min(modifiedMs, REF_MS - 3_600_000)).toISOString();
  }

  // --- Ordinary services.
  const sessionGroups: { org: string; kind: KindId; base: string; days: [Weekday, string, string][]; area: string }[] = [
    {
      org: 'Gentle Moves',
      kind: 'chairYoga',
      base: 'Chair yoga',
      days: [
        ['MO', '10:00', '11:00'],
        ['TH', '10:00', '11:00'],
      ],
      area: 'Rumney',
    },
    {
      org: 'Little Acorns Family Network',
      kind: 'parentToddler',
      base: 'Stay and Play',
      days: [
        ['TU', '09:30', '11:30'],
        ['FR', '09:30', '11:30'],
      ],
      area: 'Barry',
    },
    {
      org: 'Stepping Stones Learning',
      kind: 'digital',
      base: 'Digital drop-in',
      days: [
        ['WE', '10:00', '12:00'],
        ['SA', '10:00', '12:00'],
      ],
      area: 'Canton',
    },
    {
      org: 'Seafront Friends Penarth',
      kind: 'chairYoga',
      base: 'Tai chi',
      days: [
        ['MO', '14:00', '15:00'],
        ['WE', '14:00', '15:00'],
        ['FR', '14:00', '15:00'],
      ],
      area: 'Penarth',
    },
    {
      org: 'Stepping Stones Learning',
      kind: 'esol',
      base: 'ESOL Beginners',
      days: [
        ['TU', '10:00', '12:00'],
        ['TH', '18:00', '20:00'],
      ],
      area: 'Grangetown',
    },
  ];
  const sessionCount = sessionGroups.reduce((n, g) => n + g.days.length, 0);

  const services: DemoService[] = [];
  const orgWeights = orgs.map((o) => [o, 1 + o.kinds.length * 0.5] as const);
  for (let i = 0; i < SERVICE_COUNT - sessionCount; i++) {
    const org = rng.weighted(orgWeights);
    services.push(makeService(org, rng.pick(org.kinds)));
  }

  // --- Sessions-style services: same venue and phone, different days. Never the same service.
  const sessionIds = new Set<DemoService>();
  for (const g of sessionGroups) {
    const org = orgs.find((o) => o.name === g.org)!;
    const area = AREAS.find((a) => a.name === g.area)!;
    const venue = newVenue(area);
    const shared = makeService(org, g.kind, { area, venue });
    for (const [day, opensAt, closesAt] of g.days) {
      const s: DemoService = structuredClone(shared);
      s.name = `${g.base} (${DAY_NAMES[day]})`;
      s.phones = [{ number: org.phone }];
      s.email = org.email;
      s.schedules = [{ freq: 'WEEKLY', byday: [{ day }], opensAt, closesAt }];
      if (s.url) s.url = `https://www.${org.domain}/services/${slug(s.name)}`;
      s.ages = { ...s.ages, ...(g.kind === 'chairYoga' ? { min: 50 } : {}) };
      s.access = ['drop-in'];
      s.description = `${shared.description} This is the ${DAY_NAMES[day]} ${opensAt} session; there is also a session on ${g.days
        .filter(([d]) => d !== day)
        .map(([d]) => DAY_NAMES[d])
        .join(' and ')}.`;
      delete s.descriptionHtml;
      sessionIds.add(s);
      // Spread them through the list rather than all at the end.
      services.splice(rng.int(0, services.length), 0, s);
    }
  }

  services.forEach((s, i) => (s.id = `demo-${String(i + 1).padStart(4, '0')}`));

  // --- Deliberately incomplete records (absent means "not stated").
  const n = services.length;
  // The sessions-style services stay complete, so they look alike everywhere but the day.
  const strippable = services.map((_, i) => i).filter((i) => !sessionIds.has(services[i]!));
  for (const i of rng.sample(strippable, Math.round(n * 0.25))) {
    delete services[i]!.access;
    if (rng.chance(0.5)) delete services[i]!.accessNote;
  }
  for (const i of rng.sample(strippable, Math.round(n * 0.25))) delete services[i]!.ages;
  for (const i of rng.sample(strippable, Math.round(n * 0.2))) delete services[i]!.schedules;
  // No location at all: the remote services, topped up to ~5%.
  const withLocation = strippable.filter((i) => services[i]!.locations);
  const noLocationTarget = Math.round(n * 0.05) - (n - services.filter((s) => s.locations).length);
  for (const i of rng.sample(withLocation, Math.max(0, noLocationTarget))) {
    delete services[i]!.locations;
    for (const r of services[i]!.schedules ?? []) delete r.locationId;
  }
  // Address only, no coordinates: ~10%.
  const stillWithLocation = strippable.filter((i) => services[i]!.locations);
  for (const i of rng.sample(stillWithLocation, Math.round(n * 0.1))) {
    for (const l of services[i]!.locations!) {
      delete l.lat;
      delete l.lng;
    }
  }
  // ~15% not checked for over a year (up to three years).
  for (const i of rng.sample(strippable, Math.round(n * 0.15))) assure(services[i]!, rng.int(366, 1095));
  // A few inactive services.
  for (const i of rng.sample(strippable, 8)) services[i]!.status = 'inactive';

  // --- Directories.
  const directories = makeDirectories(rng, services);

  // --- Places and postcodes.
  const places: Record<string, LatLng> = {};
  for (const name of PLACE_NAMES) {
    const a = AREAS.find((x) => x.name === name)!;
    places[name] = { lat: a.lat, lng: a.lng };
  }
  places['Cardiff'] = { lat: 51.4816, lng: -3.1791 };
  places['Vale of Glamorgan'] = { lat: 51.43, lng: -3.32 };

  postcodes['CF10 1EP'] = { lat: 51.4797, lng: -3.1766 };
  usedOutcodes.add('CF10');
  const outcodes: Record<string, LatLng> = {};
  for (const oc of Object.keys(OUTCODES).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
    if (usedOutcodes.has(oc)) outcodes[oc] = OUTCODES[oc]!;
  }
  const sortedPostcodes: Record<string, LatLng> = {};
  for (const pc of Object.keys(postcodes).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) sortedPostcodes[pc] = postcodes[pc]!;

  return { services, directories, places, postcodes: { outcodes, postcodes: sortedPostcodes } };
}

// ---------------------------------------------------------------------------
// Directories

const DIRECTORY_SPECS: Omit<DemoDirectory, 'records'>[] = [
  {
    id: 'cardiff-council',
    name: 'Cardiff Council Community Directory',
    description: 'Demo directory (invented data) in the Open Referral UK v3 dialect: community services across Cardiff.',
    dialect: 'oruk-v3',
    idStyle: 'uuid',
    feedbackUrl: 'https://directory.cardiff-demo.org.uk/feedback',
  },
  {
    id: 'vale-wellbeing',
    name: 'Vale Wellbeing Directory',
    description: 'Demo directory (invented data) in the Placecube-style ORUK v1 dialect: services in the Vale of Glamorgan.',
    dialect: 'placecube',
    idStyle: 'uuid',
    feedbackUrl: 'https://valewellbeing-demo.org.uk/report-a-problem',
  },
  {
    id: 'bay-health',
    name: 'Bay Health Connections',
    description: 'Demo directory (invented data) in the Outpost dialect: health and wellbeing services across Cardiff and the Vale.',
    dialect: 'outpost',
    idStyle: 'numeric',
    feedbackUrl: 'https://bayhealthconnections-demo.cymru/feedback',
  },
  {
    id: 'cwtch-map',
    name: 'Cwtch Community Map',
    description:
      'Demo directory (invented data) in the ORUK v1 dialect with 0-based page numbers and numeric ids: community groups across the region.',
    dialect: 'oruk-v1-zero',
    idStyle: 'zero-based',
    feedbackUrl: 'https://cwtchmap-demo.cymru/contact',
  },
];

const HEALTHY = new Set<string>(['Health and wellbeing', 'Mental health', 'Staying active', "Carers' support"]);

const PROPER = new Set<string>([
  ...AREAS.flatMap((a) => a.name.split(' ')),
  ...SAINTS,
  ...['St', 'Welsh', 'English', 'ESOL', 'LGBTQ+', 'GP', 'Zoom', 'Universal', 'Credit', 'Canolfan', 'Neuadd', 'Cymraeg', 'Pride'],
]);

function nameVariant(rng: Rng, name: string, area: string | undefined): string | undefined {
  const variants: string[] = [];
  // Sentence case, keeping place names and other proper nouns.
  const sentence = name
    .split(' ')
    .map((w, i) => (i === 0 || PROPER.has(w.replace(/['’]s$|[()]/g, '')) ? w : w.toLowerCase()))
    .join(' ');
  if (sentence !== name) variants.push(sentence);
  const title = name.replace(/\b([a-z])([a-z]+)/g, (_, a: string, b: string) =>
    ['and', 'for', 'of', 'the', 'at', 'a'].includes(a + b) ? a + b : a.toUpperCase() + b,
  );
  if (title !== name) variants.push(title);
  if (name.includes(' and ')) variants.push(name.replace(' and ', ' & '));
  if (name.includes(' & ')) variants.push(name.replace(' & ', ' and '));
  if (/['’]/.test(name)) variants.push(name.replace(/['’]/g, ''));
  if (name.includes('é')) variants.push(name.replace(/é/g, 'e'));
  if (name.includes('-')) variants.push(name.replace(/-/g, ' '));
  if (area && !name.includes(area)) variants.push(`${name} - ${area}`, `${name} (${area})`);
  if (variants.length === 0) return undefined;
  return rng.pick(variants);
}

function makeDirectories(rng: Rng, services: DemoService[]): DemoDirectory[] {
  const members: DemoDirectoryRecord[][] = DIRECTORY_SPECS.map(() => []);
  const idx = (id: string) => DIRECTORY_SPECS.findIndex((d) => d.id === id);
  const CARDIFF = idx('cardiff-council');
  const VALE = idx('vale-wellbeing');
  const BAY = idx('bay-health');
  const CWTCH = idx('cwtch-map');

  for (const s of services) {
    const areas = s.serviceAreas ?? [];
    const healthy = (s.categories ?? []).some((c) => HEALTHY.has(c.name));
    const home = areas.length > 1 ? (rng.chance(0.5) ? CARDIFF : VALE) : areas[0] === 'Vale of Glamorgan' ? VALE : CARDIFF;
    const primary = rng.weighted<number>([
      [home, 8],
      [BAY, healthy ? 1.5 : 0.4],
      [CWTCH, 1],
    ]);
    const dirs = [primary];
    if (rng.chance(0.17)) {
      const extras = [0, 1, 2, 3].filter((d) => d !== primary);
      const weights = extras.map((d) => [d, d === BAY ? (healthy ? 3 : 1) : d === home ? 3 : d === CWTCH ? 2 : 0.5] as const);
      const first = rng.weighted(weights);
      dirs.push(first);
      if (rng.chance(0.2)) {
        const rest = weights.filter(([d]) => d !== first);
        dirs.push(rng.weighted(rest));
      }
    }
    dirs.sort((a, b) => a - b);
    for (const d of dirs) {
      const rec: DemoDirectoryRecord = { of: s.id, id: '' };
      if (d !== primary) {
        const { patch, omit } = copyDifferences(rng, s);
        if (patch) rec.patch = patch;
        if (omit) rec.omit = omit;
      }
      members[d]!.push(rec);
    }
  }

  // Ids in each directory's own style.
  return DIRECTORY_SPECS.map((spec, d) => {
    const records = members[d]!;
    let next = 1000 + rng.int(1, 500);
    records.forEach((r, i) => {
      if (spec.idStyle === 'uuid') r.id = rng.uuid();
      else if (spec.idStyle === 'zero-based') r.id = String(i);
      else {
        next += rng.int(1, 7);
        r.id = String(next);
      }
    });
    return { ...spec, records };
  });
}

function copyDifferences(rng: Rng, s: DemoService): { patch?: Partial<DemoService>; omit?: (keyof DemoService)[] } {
  const patch: Partial<DemoService> = {};
  const omit: (keyof DemoService)[] = [];
  const area = s.locations?.[0]?.address?.town === 'Cardiff' ? undefined : s.locations?.[0]?.address?.town;
  const changes = () => Object.keys(patch).length + omit.length;
  for (let round = 0; round < 3 && (changes() === 0 || round === 0); round++) {
    if (rng.chance(0.55)) {
      const v = nameVariant(rng, s.name, area ?? s.locations?.[0]?.name);
      if (v && v !== s.name) patch.name = v;
    }
    if (s.assuredDate && rng.chance(0.5)) {
      const older = Date.parse(`${s.assuredDate}T00:00:00Z`) - rng.int(30, 400) * DAY_MS;
      patch.assuredDate = isoDate(older);
      patch.lastModified = new Date(older + rng.int(9 * 60, 17 * 60) * 60_000).toISOString();
    }
    if (s.phones && rng.chance(0.25) && !omit.includes('phones')) omit.push('phones');
    if (s.email && rng.chance(0.15) && !omit.includes('email')) omit.push('email');
    if (s.description && rng.chance(0.2)) {
      const first = s.description.match(/^.*?[.!?](?=\s|$)/)?.[0];
      if (first && first !== s.description) {
        patch.description = first;
        if (s.descriptionHtml && !omit.includes('descriptionHtml')) omit.push('descriptionHtml');
      }
    }
    if (s.url && rng.chance(0.12)) {
      const org = s.organisation?.url;
      if (org && org !== s.url) patch.url = org;
    }
    if (s.categories && s.categories.length > 1 && rng.chance(0.1)) patch.categories = s.categories.slice(0, 1);
  }
  return {
    ...(Object.keys(patch).length ? { patch } : {}),
    ...(omit.length ? { omit } : {}),
  };
}

// ---------------------------------------------------------------------------
// Writing the files

/** One record a line: small, and diffs read well. */
function jsonLines(items: unknown[]): string {
  return `[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]\n`;
}

export function writeDemoData(data: DemoData = generate(), dir: URL = new URL('./', import.meta.url)): void {
  writeFileSync(new URL('services.json', dir), jsonLines(data.services));
  const dirs = `[\n${data.directories
    .map((d) => {
      const { records, ...head } = d;
      const headJson = JSON.stringify(head);
      return `${headJson.slice(0, -1)},"records":${jsonLines(records).trimEnd()}}`;
    })
    .join(',\n')}\n]\n`;
  writeFileSync(new URL('directories.json', dir), dirs);
  writeFileSync(new URL('places.json', dir), `${JSON.stringify(data.places, null, 1)}\n`);
  const pc = data.postcodes;
  const obj = (o: Record<string, LatLng>) =>
    `{\n${Object.entries(o)
      .map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(',\n')}\n}`;
  writeFileSync(new URL('postcodes.json', dir), `{\n"outcodes": ${obj(pc.outcodes)},\n"postcodes": ${obj(pc.postcodes)}\n}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const data = generate();
  writeDemoData(data);
  const multi = new Map<string, number>();
  for (const d of data.directories) for (const r of d.records) multi.set(r.of, (multi.get(r.of) ?? 0) + 1);
  const overlap = [...multi.values()].filter((c) => c > 1).length;
  console.log(
    `Wrote ${data.services.length} services, ${data.directories.length} directories ` +
      `(${data.directories.map((d) => `${d.id}: ${d.records.length}`).join(', ')}; ` +
      `${overlap} services in 2+), ${Object.keys(data.places).length} places, ` +
      `${Object.keys(data.postcodes.postcodes).length} postcodes.`,
  );
}
