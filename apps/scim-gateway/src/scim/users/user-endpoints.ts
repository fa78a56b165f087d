import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { userStream, type JsonObject } from '@lib/domain';
import { APP_CONFIG, type AppConfig } from '@lib/platform';
import { UserQueries, type ListResult } from '@lib/read-model';
import {
  applyPatch,
  operationsOfPatchRequest,
  USER_RESOURCE_SCHEMA,
  validateResource,
  type ScimResource,
} from '@lib/scim';
import type { ScimPrincipal } from '@lib/tenancy';
import {
  DeleteUserCommand,
  PatchUserCommand,
  ProvisionUserCommand,
  ReplaceUserCommand,
  type WriteResult,
} from '@lib/write-model';
import { idpProfilePolicy, patchOptions } from '../idp-profiles/idp-profile-policy';
import { rejectStringBooleans, rejectStringBooleansInPatch } from '../idp-profiles/string-booleans';
import { scimBaseUrl } from '../scim-base-url';
import { checkIfMatch, ifMatchRevision, matchesAny } from '../shared/etag';
import type { ListQuery } from '../shared/list-query';
import { ReadYourWrites } from '../shared/read-your-writes';
import { renderResource, type Projection, type ResourceKind } from '../shared/resource-renderer';
import { found, requireResourceId } from '../shared/resource-reads';
import { commandMetadata, GATEWAY_CLOCK, type GatewayClock } from '../shared/write-context';
import { asksForAttributes, type PatchOutcome } from '../shared/patch-outcome';
import { withPatchRetry } from '../shared/patch-retry';

export const USER_KIND: ResourceKind = {
  schema: USER_RESOURCE_SCHEMA,
  endpoint: 'Users',
  references: { attribute: 'groups', endpoint: 'Groups' },
};

export interface RenderedResource {
  resource: ScimResource;
  version: string;
  location: string;
}

/**
 * The Users endpoints' flows: request → validated resource → command → wait for the read
 * model → the stored resource rendered. Controllers stay one line per route.
 */
@Injectable()
export class UserEndpoints {
  constructor(
    private readonly commands: CommandBus,
    private readonly users: UserQueries,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GATEWAY_CLOCK) private readonly clock: GatewayClock,
  ) {}

  async create(principal: ScimPrincipal, body: unknown, projection: Projection): Promise<RenderedResource> {
    const resource = this.validate(principal, body);
    const userId = randomUUID();
    const result = await this.commands.execute(
      new ProvisionUserCommand({
        tenantId: principal.tenantId,
        userId,
        resource,
        metadata: commandMetadata(principal, this.clock),
      }),
    );
    return this.afterWrite(principal, result, projection);
  }

  async get(
    principal: ScimPrincipal,
    id: string,
    projection: Projection,
    ifNoneMatch?: string,
  ): Promise<RenderedResource | 'not-modified'> {
    requireResourceId('Users', id);
    const view = found(await this.users.getById(principal.tenantId, id), 'Users', id);
    if (matchesAny(ifNoneMatch, view.version)) return 'not-modified';
    return this.render(principal, view.resource, view.version, projection);
  }

  async list(principal: ScimPrincipal, query: ListQuery): Promise<ListResult> {
    const excludeGroups = query.excludedAttributes.some((name) => name.toLowerCase() === 'groups');
    const result = await this.users.list(principal.tenantId, { ...query, excludeGroups });
    const base = this.baseUrl(principal);
    return {
      ...result,
      resources: result.resources.map((resource) => renderResource(resource, USER_KIND, base, query) as JsonObject),
    };
  }

  async replace(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    projection: Projection,
  ): Promise<RenderedResource> {
    requireResourceId('Users', id);
    const current = found(await this.users.getById(principal.tenantId, id, { excludeGroups: true }), 'Users', id);
    checkIfMatch(ifMatch, current.version);
    const resource = this.validate(principal, body, current.resource);
    const result = await this.commands.execute(
      new ReplaceUserCommand({
        tenantId: principal.tenantId,
        userId: id,
        resource,
        expectedVersion: ifMatchRevision(ifMatch, current.streamRevision),
        metadata: commandMetadata(principal, this.clock),
      }),
    );
    return this.afterWrite(principal, result, projection);
  }

  async patch(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    projection: Projection,
  ): Promise<PatchOutcome> {
    requireResourceId('Users', id);
    const policy = idpProfilePolicy(principal.idpProfile);
    const operations = operationsOfPatchRequest(body);
    if (!policy.acceptsStringBooleans) rejectStringBooleansInPatch(operations);
    let revisionRead = -1;
    const result = await withPatchRetry(
      ifMatch,
      async () => {
        const current = found(await this.users.getById(principal.tenantId, id, { excludeGroups: true }), 'Users', id);
        revisionRead = current.streamRevision;
        checkIfMatch(ifMatch, current.version);
        const patched = applyPatch(
          withoutReadOnly(current.resource),
          operations,
          USER_RESOURCE_SCHEMA,
          patchOptions(policy),
        );
        const validated = withoutPassword(
          validateResource(patched.resource, USER_RESOURCE_SCHEMA, {
            unknownAttributes: 'ignore',
            existing: current.resource,
          }),
        );
        const resource = withUnassignedActive(validated, current.resource);
        // The version just read guards the append: a concurrent change makes this a retry, not a lost update.
        return this.commands.execute(
          new PatchUserCommand({
            tenantId: principal.tenantId,
            userId: id,
            resource,
            expectedVersion: String(current.streamRevision),
            metadata: commandMetadata(principal, this.clock),
          }),
        );
      },
      () =>
        this.readYourWrites.catchUpWithStream(principal.tenantId, userStream(principal.tenantId, id), revisionRead + 1),
    );
    if (policy.answersUserPatchWithNoContent && !asksForAttributes(projection)) {
      await this.readYourWrites.waitFor({
        tenantId: principal.tenantId,
        position: result.lastGlobalPosition,
        location: this.location(principal, id),
      });
      const view = found(await this.users.getById(principal.tenantId, id, { excludeGroups: true }), 'Users', id);
      return { status: 204, version: view.version };
    }
    return { status: 200, rendered: await this.afterWrite(principal, result, projection) };
  }

  async delete(principal: ScimPrincipal, id: string, ifMatch: string | undefined): Promise<void> {
    requireResourceId('Users', id);
    const current = found(await this.users.getById(principal.tenantId, id, { excludeGroups: true }), 'Users', id);
    checkIfMatch(ifMatch, current.version);
    const result = await this.commands.execute(
      new DeleteUserCommand({
        tenantId: principal.tenantId,
        userId: id,
        expectedVersion: ifMatchRevision(ifMatch, current.streamRevision),
        metadata: commandMetadata(principal, this.clock),
      }),
    );
    await this.readYourWrites.waitFor({
      tenantId: principal.tenantId,
      position: result.lastGlobalPosition,
      location: this.location(principal, id),
    });
  }

  private validate(principal: ScimPrincipal, body: unknown, existing?: JsonObject): JsonObject {
    const policy = idpProfilePolicy(principal.idpProfile);
    if (!policy.acceptsStringBooleans) rejectStringBooleans(body);
    return withoutPassword(
      validateResource(body, USER_RESOURCE_SCHEMA, { unknownAttributes: policy.unknownAttributes, existing }),
    );
  }

  private async afterWrite(
    principal: ScimPrincipal,
    result: WriteResult,
    projection: Projection,
  ): Promise<RenderedResource> {
    await this.readYourWrites.waitFor({
      tenantId: principal.tenantId,
      position: result.lastGlobalPosition,
      location: this.location(principal, result.id),
    });
    const view = found(await this.users.getById(principal.tenantId, result.id), 'Users', result.id);
    return this.render(principal, view.resource, view.version, projection);
  }

  private render(
    principal: ScimPrincipal,
    stored: JsonObject,
    version: string,
    projection: Projection,
  ): RenderedResource {
    const resource = renderResource(stored, USER_KIND, this.baseUrl(principal), projection);
    return { resource, version, location: this.location(principal, String(stored.id)) };
  }

  private location(principal: ScimPrincipal, id: string): string {
    return `${this.baseUrl(principal)}/Users/${id}`;
  }

  private baseUrl(principal: ScimPrincipal): string {
    return scimBaseUrl(this.config, principal.tenantId);
  }
}

/**
 * Passwords are accepted (Okta sends one even when passwords are not synced) and dropped: this
 * service does not authenticate users, and an event log must never hold a secret.
 */
export function withoutPassword(resource: ScimResource): JsonObject {
  const copy: Record<string, unknown> = { ...resource };
  for (const key of Object.keys(copy)) if (key.toLowerCase() === 'password') delete copy[key];
  return copy as JsonObject;
}

/**
 * A PATCH gives the complete new resource, so an `active` it no longer has was removed (`remove
 * active`, or `replace` with null): RFC 7644 §3.5.2.2 makes it unassigned, which the write model
 * is told with `active: null` (a resource without `active`, as a PUT sends, leaves it unchanged).
 */
function withUnassignedActive(resource: JsonObject, current: JsonObject): JsonObject {
  if (resource.active !== undefined || current.active === undefined) return resource;
  return { ...resource, active: null };
}

/** The stored resource minus what the server owns (id, meta, groups), as the base a PATCH applies to. */
function withoutReadOnly(resource: JsonObject): ScimResource {
  const { meta: _meta, groups: _groups, ...rest } = resource as Record<string, unknown>;
  return rest as ScimResource;
}
