import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import { InvalidSyntaxError, PayloadTooLargeError, ScimError } from '@lib/scim';
import { requestIdMiddleware } from '../logging/request-id.middleware';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/**
 * Request parsing shared by every HTTP app: request ids, and JSON bodies of
 * application/scim+json or application/json up to MAX_PAYLOAD_BYTES. Parse failures become
 * SCIM errors here, because they happen before Nest's exception filters can see them.
 */
export function configureHttp(app: INestApplication, maxPayloadBytes: number): void {
  app.use(requestIdMiddleware);
  const parse = json({ limit: maxPayloadBytes, type: ['application/json', 'application/scim+json', 'application/*+json'] });
  app.use((req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => (error ? sendScimError(res, bodyError(error, maxPayloadBytes)) : next())),
  );
}

function bodyError(error: unknown, maxPayloadBytes: number): ScimError {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return new PayloadTooLargeError(`The request body exceeds ${maxPayloadBytes} bytes.`);
  if (type === 'entity.parse.failed') return new InvalidSyntaxError('The request body is not valid JSON.');
  return new InvalidSyntaxError('The request body could not be read.');
}

export function sendScimError(res: Response, error: ScimError): void {
  res.status(error.status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(error.toBody()));
}
