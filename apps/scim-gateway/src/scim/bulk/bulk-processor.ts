import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, LOGGER, type AppConfig } from '@lib/platform';
import { BULK_RESPONSE_URN, ConflictError, InvalidSyntaxError, ScimError, type BulkOperationResult } from '@lib/scim';
import type { ScimPrincipal } from '@lib/tenancy';
import { GroupEndpoints } from '../groups/group-endpoints';
import { toScimError } from '../../http/scim-exception.filter';
import { weakEtag } from '../shared/etag';
import type { Projection } from '../shared/resource-renderer';
import type { RenderedResource } from '../shared/resource-endpoints';
import { UserEndpoints } from '../users/user-endpoints';
import {
  orderByBulkReferences,
  parseBulkRequest,
  referencedBulkIds,
  resolveBulkOperation,
  type BulkOperation,
} from './bulk-request';

const NO_PROJECTION: Projection = { attributes: [], excludedAttributes: [] };

/**
 * RFC 7644 §3.7 Bulk: each operation runs through the same flows as its single-request
 * endpoint (so the same validation, events and read-your-writes), in an order that honours
 * bulkId references; failOnErrors stops after that many errors.
 */
@Injectable()
export class BulkProcessor {
  constructor(
    private readonly users: UserEndpoints,
    private readonly groups: GroupEndpoints,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async process(principal: ScimPrincipal, body: unknown) {
    const request = parseBulkRequest(body, this.config.BULK_MAX_OPERATIONS);
    const { ordered, circular, unknown } = orderByBulkReferences(request.operations);
    const results = new Map<number, BulkOperationResult>();
    for (const op of circular)
      results.set(
        op.index,
        failure(
          op,
          new BulkReferenceError('SCIM-niiS', `Operation ${op.index} is part of a circular bulkId reference.`),
        ),
      );
    for (const op of unknown)
      results.set(
        op.index,
        failure(
          op,
          new BulkReferenceError(
            'SCIM-HgMX',
            `Operation ${op.index} refers to a bulkId that no successful POST in this request declares.`,
          ),
        ),
      );

    const ids = new Map<string, string>();
    let errors = results.size;
    for (const op of ordered) {
      if (request.failOnErrors !== undefined && errors >= request.failOnErrors) break;
      const missing = referencedBulkIds(op).find((bulkId) => !ids.has(bulkId));
      if (missing) {
        results.set(
          op.index,
          failure(
            op,
            new BulkReferenceError('SCIM-FaFG', `bulkId "${missing}" could not be resolved: its POST failed.`),
          ),
        );
        errors++;
        continue;
      }
      try {
        const result = await this.run(principal, resolveBulkOperation(op, ids));
        if (op.method === 'POST' && op.bulkId && result.id) ids.set(op.bulkId, result.id);
        results.set(op.index, result.answer);
      } catch (error) {
        const scimError = toScimError(error);
        if (scimError.status >= 500) this.logFailure(op, error, scimError.status);
        results.set(op.index, failure(op, scimError));
        errors++;
      }
    }
    return {
      schemas: [BULK_RESPONSE_URN],
      Operations: request.operations.filter((op) => results.has(op.index)).map((op) => results.get(op.index)!),
    };
  }

  private logFailure(op: BulkOperation, error: unknown, status: number): void {
    const err =
      error instanceof Error
        ? {
            name: error.name,
            code: (error as { code?: unknown }).code,
            message: error.message,
            ...(status === 500 ? { stack: error.stack } : {}),
          }
        : String(error);
    this.logger[status === 503 ? 'warn' : 'error'](
      { err, bulkOperation: op.index, method: op.method },
      `bulk operation answered ${status}`,
    );
  }

  private async run(
    principal: ScimPrincipal,
    op: BulkOperation,
  ): Promise<{ id?: string; answer: BulkOperationResult }> {
    const { endpoint, id } = parsePath(op.path);
    const target = endpoint === 'Users' ? this.users : this.groups;
    const base = { method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}) };
    const done = (status: number, rendered?: RenderedResource, withBody = false) => ({
      id: rendered ? String(rendered.resource.id) : id,
      answer: {
        ...base,
        ...(rendered ? { version: weakEtag(rendered.version), location: rendered.location } : {}),
        status: String(status),
        ...(withBody && rendered ? { response: rendered.resource } : {}),
      },
    });
    const ifMatch = op.version;
    switch (op.method) {
      case 'POST':
        if (id) throw new InvalidSyntaxError('SCIM-QhKG', 'POST goes to /Users or /Groups, without an id.');
        return done(201, await target.create(principal, op.data, NO_PROJECTION));
      case 'PUT':
        return done(200, await target.replace(principal, requireId(id), op.data, ifMatch, NO_PROJECTION));
      case 'PATCH': {
        const outcome = await target.patch(principal, requireId(id), op.data, ifMatch, NO_PROJECTION);
        if (outcome.status === 200) return done(200, outcome.rendered);
        return { id, answer: { ...base, version: weakEtag(outcome.version), status: '204' } };
      }
      case 'DELETE':
        await target.delete(principal, requireId(id), ifMatch);
        return { id, answer: { ...base, status: '204' } };
    }
  }
}

function parsePath(path: string): { endpoint: 'Users' | 'Groups'; id?: string } {
  const match = /^\/(Users|Groups)(?:\/([^/]+))?$/.exec(path);
  if (!match)
    throw new InvalidSyntaxError('SCIM-6JHz', `Bulk path ${path} is not /Users, /Groups or one of their resources.`);
  return { endpoint: match[1] as 'Users' | 'Groups', id: match[2] };
}

function requireId(id: string | undefined): string {
  if (!id) throw new InvalidSyntaxError('SCIM-DL9m', 'This method needs a resource id in the path.');
  return id;
}

function failure(op: BulkOperation, error: ScimError): BulkOperationResult {
  return {
    method: op.method,
    ...(op.bulkId ? { bulkId: op.bulkId } : {}),
    status: String(error.status),
    response: error.toBody(),
  };
}

/** RFC 7644 §3.7.3: an unresolvable or circular bulkId reference is a 409 on that operation. */
class BulkReferenceError extends ConflictError {}
