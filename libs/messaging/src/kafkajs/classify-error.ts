import { DeliveryError } from '../errors';

/**
 * Broker answers that will not change on retry. Everything else (connection refused, leader
 * not available, request timed out, not enough replicas) is treated as transient.
 */
const PERMANENT_BROKER_ERRORS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'INVALID_REQUIRED_ACKS',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
  'POLICY_VIOLATION',
]);

/** Walks the kafkajs error and its causes, looking for a broker error type. */
export function brokerErrorTypes(error: unknown): string[] {
  const types: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown): void => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    const candidate = e as { type?: unknown; cause?: unknown; errors?: unknown; name?: unknown };
    if (typeof candidate.type === 'string') types.push(candidate.type);
    visit(candidate.cause);
    if (Array.isArray(candidate.errors)) candidate.errors.forEach(visit);
  };
  visit(error);
  return types;
}

export function toDeliveryError(error: unknown, topic: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const types = brokerErrorTypes(error);
  const permanent = types.find((t) => PERMANENT_BROKER_ERRORS.has(t));
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const reason = permanent ?? types[0] ?? name;
  return new DeliveryError(`send to ${topic} failed: ${reason}: ${message}`, permanent !== undefined, reason, {
    cause: error,
  });
}
