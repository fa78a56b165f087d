import { open, seal } from '../crypto/aes-gcm';

/**
 * How a stored event carries its personal attributes: `data.personalData = { v: 1, iv, ct }`
 * (base64; ct = AES-256-GCM ciphertext || tag of the attributes' JSON). The additional
 * authenticated data names the tenant, the user, the event type and the event id, so a ciphertext
 * moved to another event or another person does not open.
 */
export interface PersonalDataEnvelope {
  v: 1;
  iv: string;
  ct: string;
}

export interface EnvelopeContext {
  tenantId: string;
  userId: string;
  type: string;
  eventId: string;
}

export function isEnvelope(value: unknown): value is PersonalDataEnvelope {
  const v = value as Partial<PersonalDataEnvelope> | null;
  return typeof v === 'object' && v !== null && v.v === 1 && typeof v.iv === 'string' && typeof v.ct === 'string';
}

export function sealPersonalData(
  key: Buffer,
  personal: Record<string, unknown>,
  context: EnvelopeContext,
): PersonalDataEnvelope {
  const sealed = seal(key, Buffer.from(JSON.stringify(personal), 'utf8'), aad(context));
  return { v: 1, iv: sealed.iv.toString('base64'), ct: sealed.ciphertext.toString('base64') };
}

/** The personal attributes; throws PersonalDataIntegrityError when the ciphertext does not authenticate. */
export function openPersonalData(
  key: Buffer,
  envelope: PersonalDataEnvelope,
  context: EnvelopeContext,
): Record<string, unknown> {
  try {
    const plaintext = open(
      key,
      { iv: Buffer.from(envelope.iv, 'base64'), ciphertext: Buffer.from(envelope.ct, 'base64') },
      aad(context),
    );
    return JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new PersonalDataIntegrityError(context.eventId);
  }
}

/**
 * The key exists but the ciphertext does not authenticate: the stored event was altered or moved.
 * Not an erasure (that is a destroyed key), so it is an error: a follower parks the event.
 */
export class PersonalDataIntegrityError extends Error {
  constructor(readonly eventId: string) {
    super(`the personal data of event ${eventId} does not authenticate under its person's key (altered or moved)`);
    this.name = 'PersonalDataIntegrityError';
  }
}

function aad(context: EnvelopeContext): Buffer {
  return Buffer.from(
    ['scim-personal-data', 'v1', context.tenantId, context.userId, context.type, context.eventId].join('\u0000'),
    'utf8',
  );
}
