import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts that every log line and every event's metadata carry. */
export interface RequestContext {
  requestId: string;
  tenantId?: string;
  keyId?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return requestContext.getStore();
}
