import type { JsonObject } from '@lib/domain';
import type { ScimEventWriter } from './scim-event-writer';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A small deterministic PRNG (mulberry32): the generated tenant is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ASCII and the hard cases of case folding: NFC/NFD, Greek sigmas, Turkish i, Kelvin, ß/ẞ, long s,
// Cherokee (folds to capitals), astral letters and emoji, right-to-left scripts.
export const NAMES = [
  'alice',
  'Bob',
  'carol',
  'DAVE',
  'eve',
  'frank',
  'Grace',
  'heidi',
  'ivan',
  'judy',
  'Émile',
  'e\u0301mile',
  'ÉMILE',
  'ΟΔΥΣΣΕΥΣ',
  'οδυσσευς',
  'İlker',
  'ilker',
  'ılgaz',
  '\u212Aate',
  'kate',
  'ſtraße',
  'STRAẞE',
  'strasse',
  'ᏣᎳᎩ',
  'ꮳꮃꭹ',
  '\u{10400}\u{10428}',
  'ﬆar',
  'ﬅAR',
  'שלום',
  'مرحبا',
  'zoë😀',
  'ZOË👍🏽',
];
export const DOMAINS = ['example.com', 'Example.org', 'corp.io', 'mail_x.net', 'bücher.de', 'BU\u0308CHER.DE'];
export const TYPES = ['work', 'home', 'other', 'Work', 'büro', 'BÜRO'];
export const CITIES = [
  'Paris',
  'paris',
  'Berlin',
  'Lyon',
  '',
  'İstanbul',
  'istanbul',
  'ISTANBUL',
  'Zürich',
  'ZU\u0308RICH',
  'Αθήνα',
  'ΑΘΉΝΑ',
];
export const DEPARTMENTS = [
  'Sales',
  'sales',
  'R&D',
  '50% off',
  '',
  'Straße',
  'STRASSE',
  'Ꭰ',
  'ꭰ',
  '\uff21\uff22',
  '\u{1d400}',
];

/**
 * Users and groups with deliberately awkward data: mixed case, empty strings, missing
 * attributes, several emails of one type, wildcard characters, deactivated and deleted users,
 * users whose `active` was unassigned, members with the display the client sent.
 */
export async function writeGeneratedTenant(
  write: ScimEventWriter,
  seed: number,
  userCount: number,
  groupCount: number,
): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const maybe = <T>(probability: number, value: () => T): T | undefined =>
    random() < probability ? value() : undefined;
  const userIds: string[] = [];
  for (let i = 0; i < userCount; i++) {
    const id = `u${String(i).padStart(3, '0')}`;
    const given = pick(NAMES);
    const resource: JsonObject & { userName: string } = { userName: `${given}.${i}@${pick(DOMAINS)}` };
    const set = (key: string, value: JsonObject[string] | undefined) => {
      if (value !== undefined) resource[key] = value;
    };
    set(
      'displayName',
      maybe(0.8, () => (random() < 0.1 ? '' : `${given} ${pick(NAMES)}`)),
    );
    set(
      'externalId',
      maybe(0.6, () => `ext-${Math.floor(random() * 20)}`),
    );
    set(
      'title',
      maybe(0.5, () =>
        pick(['Engineer', 'engineer', 'Manager', '', 'Ingénieur', 'INGE\u0301NIEUR', 'Διευθυντής', 'ΔΙΕΥΘΥΝΤΉΣ']),
      ),
    );
    set(
      'nickName',
      maybe(0.3, () => pick(NAMES)),
    );
    set(
      'name',
      maybe(0.7, () => ({ givenName: given, ...(random() < 0.5 ? { familyName: pick(NAMES) } : {}) })),
    );
    set(
      'emails',
      maybe(0.8, () =>
        Array.from({ length: 1 + Math.floor(random() * 3) }, (_, n) => ({
          value: `${pick(NAMES)}${n}@${pick(DOMAINS)}`,
          type: pick(TYPES),
          ...(n === 0 && random() < 0.7 ? { primary: true } : {}),
        })),
      ),
    );
    set(
      'phoneNumbers',
      maybe(0.4, () => [{ value: `+1 555 ${Math.floor(random() * 100)}`, type: pick(['work', 'mobile']) }]),
    );
    set(
      'addresses',
      maybe(0.5, () => [{ type: pick(TYPES), locality: pick(CITIES), country: pick(['FR', 'DE', 'fr']) }]),
    );
    const enterprise = maybe(0.5, () => ({
      department: pick(DEPARTMENTS),
      ...(random() < 0.5
        ? { manager: { value: `u${String(Math.floor(random() * userCount)).padStart(3, '0')}` } }
        : {}),
    }));
    if (enterprise) {
      resource[ENTERPRISE] = enterprise;
      resource.schemas = ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE];
    }
    const active = random() < 0.8;
    await write.provisionUser(id, resource, active);
    userIds.push(id);
    if (random() < 0.15) await write.updateUser(id, { ...resource, title: 'Updated' });
    if (random() < 0.1) await write.unassignActive(id, resource.userName, active);
  }
  for (let g = 0; g < groupCount; g++) {
    const groupId = `g${g}`;
    await write.createGroup(
      groupId,
      `${pick(['Admins', 'admins', 'Sales', 'R&D'])} ${g}`,
      random() < 0.5 ? { externalId: `gx-${g}` } : {},
    );
    // Some members carry the display the client sent (kept as sent), the others a computed one.
    for (const userId of userIds)
      if (random() < 0.3)
        await write.addMember(
          groupId,
          userId,
          maybe(0.3, () => pick([...NAMES, 'ADMIN Ada', ''])),
        );
  }
  for (const userId of userIds) if (random() < 0.05) await write.deleteUser(userId, 'n/a');
}
