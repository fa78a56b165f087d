/**
 * Who did what, when, and why: carried by every stored event.
 *
 * The same shape as `EventMetadata` in the event store port (libs/event-store): the domain owns
 * no store, so it declares the shape itself; a compile-time check in libs/event-store keeps the
 * two identical.
 */
export interface EventMetadata {
  tenantId: string;
  /** The SCIM key (and the tenant's IdP profile at the time), an operator, or the system itself. */
  actor: EventActor;
  requestId: string;
  /** The request/conversation this event belongs to; equal to requestId for a fresh request. */
  correlationId: string;
  /** The command (or event) that directly caused this event. */
  causationId: string;
  /**
   * ISO-8601 instant. Commands carry the request's time (from the injected clock, never
   * `new Date()` in the domain); the event store replaces it on append with its commit-ordered
   * time and keeps the command's as `requestedAt`.
   */
  occurredAt: string;
  /** Set by the event store: the `occurredAt` the command carried. */
  requestedAt?: string;
  /** Schema version of the event's data (DomainEvent.version). */
  schemaVersion: number;
}

export interface EventActor {
  kind: 'scim-key' | 'operator' | 'system';
  keyId?: string;
  idpProfile?: string;
}

/** Everything of the metadata that a command brings; schemaVersion is filled per event. */
export type CommandMetadata = Omit<EventMetadata, 'schemaVersion' | 'requestedAt'>;
