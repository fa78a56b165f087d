import type { CommandMetadata } from '@lib/domain';

/** Every write command carries the tenant and the metadata stamped on its events. */
export interface CommandEnvelope {
  tenantId: string;
  metadata: CommandMetadata;
}
