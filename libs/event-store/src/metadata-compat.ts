import type { EventMetadata as DomainEventMetadata } from '@lib/domain';
import type { EventMetadata } from './event-store.port';

/**
 * Compile-time check: the port's metadata and the domain's are the same shape, so the write
 * model passes one where the other is expected. Fails `tsc` if either drifts.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const metadataShapesAgree: Same<EventMetadata, DomainEventMetadata> = true;
