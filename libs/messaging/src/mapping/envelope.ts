import type { RecordedEvent } from '@lib/event-store';
import type { Envelope, MessageActor, MessageSubject } from '../contracts/integration-messages';
import { MESSAGE_VERSIONS, type IntegrationMessageType } from '../contracts/integration-messages';
import { deterministicMessageId } from './message-id';

/** The envelope of a message derived from `event`; `discriminator` tells apart the messages of one fan-out. */
export function envelope<TType extends IntegrationMessageType, TData>(
  event: RecordedEvent,
  type: TType,
  subject: MessageSubject,
  data: TData,
  discriminator = '',
): Envelope<TType, TData> {
  const { metadata } = event;
  return {
    messageId: deterministicMessageId(event.eventId, type, subject.type, subject.id, discriminator),
    eventId: event.eventId,
    type,
    version: MESSAGE_VERSIONS[type],
    tenantId: metadata.tenantId,
    occurredAt: metadata.occurredAt,
    actor: publicActor(metadata.actor),
    requestId: metadata.requestId,
    correlationId: metadata.correlationId,
    position: event.globalPosition,
    subject,
    data,
  };
}

/** Only the documented actor fields: nothing else the metadata may grow leaks into the contract. */
function publicActor(actor: RecordedEvent['metadata']['actor']): MessageActor {
  const out: MessageActor = { kind: actor.kind };
  if (actor.keyId) out.keyId = actor.keyId;
  if (actor.idpProfile) out.idpProfile = actor.idpProfile;
  return out;
}

export const userKey = (tenantId: string, userId: string): string => `${tenantId}:${userId}`;
export const groupKey = (tenantId: string, groupId: string): string => `${tenantId}:group:${groupId}`;
export const tenantKey = (tenantId: string): string => `${tenantId}:tenant`;
