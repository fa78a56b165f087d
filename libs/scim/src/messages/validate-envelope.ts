import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { InvalidSyntaxError } from '../errors/scim-errors';

type Constructor<T> = new () => T;

/**
 * Validates a request envelope (PatchOp, SearchRequest, BulkRequest, ListResponse) with its
 * class-validator DTO and returns the typed instance, or throws 400 invalidSyntax listing every
 * problem (RFC 7644 §3.12: "did not conform to the request schema").
 */
export function validateEnvelope<T extends object>(dto: Constructor<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidSyntaxError('SCIM-zmhS', 'The request body must be a JSON object');
  }
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, { forbidUnknownValues: false });
  if (errors.length > 0) throw new InvalidSyntaxError('SCIM-xHys', describeErrors(errors).join('; '));
  return instance;
}

function describeErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? `${prefix}${message}` : `${path}: ${message}`,
    );
    return [...own, ...describeErrors(error.children ?? [], `${path}.`)];
  });
}
