/**
 * Contact details in open data that look like a person's own rather than a service's: an email
 * address shaped as someone's name (`jo.bloggs@…`, `j.bloggs@…`) and a UK mobile number. Only a
 * likeness, for a person to judge: a named worker's address may be published with consent, and a
 * service may answer on a mobile. A shared mailbox (`family.hubs@…`, `info@…`) is not flagged, nor
 * is an address on a web-mail service on its own (small groups run on those).
 */
import type { Service } from '../model/index.js';
import { normalisePhone } from './dedup/keys.js';

export interface PersonalContact {
  kind: 'email' | 'mobile';
  /** As the directory writes it. */
  value: string;
}

/** Longest local part an email address may have (RFC 5321); a longer one is not looked at. */
const MAX_LOCAL_PART = 64;

/** Two or three words of letters joined by `.`, `_` or `-`: the shape of `first.last` or `j.r.bloggs`. */
const NAME_SHAPED = /^[a-z]+(?:[._-][a-z]+){1,2}$/;

/** UK mobiles: 071–075 and 077–079 (070 is personal numbering, 076 pagers). */
const UK_MOBILE = /^07[1-57-9]\d{8}$/;

/**
 * Longest word of a name looked for: a longer one is a run of words (`thebridgecanhelp`, `leisurecentre`),
 * a mailbox's, not a person's (few surnames run past twelve letters).
 */
const MAX_NAME_WORD = 12;

/** Words of shared mailboxes: an address made of any of them is a role's, not a person's. */
const MAILBOX_WORDS = new Set([
  'academy',
  'access',
  'accounts',
  'action',
  'active',
  'activities',
  'activity',
  'admin',
  'administration',
  'admissions',
  'adult',
  'adults',
  'advice',
  'advocacy',
  'appointments',
  'area',
  'armed',
  'arts',
  'association',
  'autism',
  'bank',
  'booking',
  'bookings',
  'branch',
  'care',
  'carer',
  'carers',
  'caseofficer',
  'cc',
  'center',
  'central',
  'centre',
  'chair',
  'charity',
  'children',
  'church',
  'city',
  'clerk',
  'clinic',
  'club',
  'coaching',
  'college',
  'community',
  'contact',
  'coordinator',
  'council',
  'counselling',
  'county',
  'customer',
  'dementia',
  'digital',
  'district',
  'east',
  'education',
  'enquiries',
  'enquiry',
  'events',
  'experience',
  'expert',
  'families',
  'family',
  'finance',
  'fitness',
  'food',
  'foodbank',
  'forces',
  'forum',
  'foundation',
  'friends',
  'gambling',
  'garden',
  'gardens',
  'general',
  'golf',
  'group',
  'groups',
  'health',
  'healthy',
  'hello',
  'help',
  'helpline',
  'housing',
  'hub',
  'hubs',
  'info',
  'kids',
  'learning',
  'leisure',
  'lib',
  'library',
  'lifestyles',
  'link',
  'local',
  'mail',
  'manager',
  'media',
  'members',
  'membership',
  'mental',
  'mosque',
  'mosques',
  'music',
  'needs',
  'network',
  'news',
  'nhs',
  'north',
  'nursery',
  'office',
  'officer',
  'older',
  'online',
  'parent',
  'parents',
  'parish',
  'partners',
  'partnership',
  'people',
  'playgroup',
  'positive',
  'practice',
  'programme',
  'project',
  'projects',
  'pta',
  'ptfa',
  'queries',
  'query',
  'reception',
  'recovery',
  'referral',
  'referrals',
  'regen',
  'region',
  'resource',
  'resources',
  'safe',
  'safeguarding',
  'school',
  'secretary',
  'section',
  'service',
  'services',
  'social',
  'society',
  'south',
  'sport',
  'sports',
  'st',
  'station',
  'support',
  'surgery',
  'team',
  'the',
  'therapy',
  'training',
  'travellers',
  'treasurer',
  'trust',
  'uk',
  'upon',
  'veterans',
  'volunteer',
  'volunteering',
  'volunteers',
  'wellbeing',
  'west',
  'young',
  'youth',
]);

/** Whether an email address looks like one person's (see the module comment). */
export function personalEmail(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at > MAX_LOCAL_PART) return false;
  const local = address.slice(0, at).trim().toLowerCase();
  if (!NAME_SHAPED.test(local)) return false;
  return !local.split(/[._-]/).some((word) => word.length > MAX_NAME_WORD || MAILBOX_WORDS.has(word));
}

/** Whether a phone number is a UK mobile, however it is written (+44 7…, 07… ). */
export function mobileNumber(number: string): boolean {
  const digits = normalisePhone(number);
  return digits !== undefined && UK_MOBILE.test(digits);
}

/** The record's email addresses and phone numbers (its own, its contacts', its organisation's) that look personal, each once. */
export function personalContacts(service: Service): PersonalContact[] {
  const out: PersonalContact[] = [];
  const seen = new Set<string>();
  const add = (kind: PersonalContact['kind'], value: string, key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, value });
  };
  const emails = [service.email, service.organisation?.email, ...(service.contacts ?? []).map((c) => c.email)];
  for (const e of emails) if (e && personalEmail(e)) add('email', e, e.trim().toLowerCase());
  const phones = [...(service.phones ?? []), ...(service.contacts ?? []).flatMap((c) => c.phones ?? [])];
  for (const p of phones) if (mobileNumber(p.number)) add('mobile', p.number, normalisePhone(p.number)!);
  return out;
}
