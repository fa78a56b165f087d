import { randomUUID } from 'node:crypto';
import type { CommandMetadata } from '@lib/domain';
import { currentRequest } from '@lib/platform';
import type { ScimPrincipal } from '@lib/tenancy';

/** The clock of the gateway; injectable so tests can pin time. */
export const GATEWAY_CLOCK = Symbol('GATEWAY_CLOCK');
export type GatewayClock = () => Date;

/** Every event a SCIM request causes records who (key, IdP profile), when, and which request. */
export function commandMetadata(
  principal: ScimPrincipal,
  clock: GatewayClock,
  causationId: string = randomUUID(),
): CommandMetadata {
  const requestId = currentRequest()?.requestId ?? randomUUID();
  return {
    tenantId: principal.tenantId,
    actor: { kind: 'scim-key', keyId: principal.keyId, idpProfile: principal.idpProfile },
    requestId,
    correlationId: requestId,
    causationId,
    occurredAt: clock().toISOString(),
  };
}
