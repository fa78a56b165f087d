import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import type { CommandMetadata, JsonObject } from '@lib/domain';
import { APP_CONFIG, type AppConfig } from '@lib/platform';
import type { ListResult, ResourceView } from '@lib/read-model';
import { operationsOfPatchRequest, validateResource, type PatchOperation, type ScimResource } from '@lib/scim';
import type { ScimPrincipal } from '@lib/tenancy';
import type { WriteResult } from '@lib/write-model';
import { idpProfilePolicy, type IdpProfilePolicy } from '../idp-profiles/idp-profile-policy';
import { rejectStringBooleans, rejectStringBooleansInPatch } from '../idp-profiles/string-booleans';
import { scimBaseUrl } from '../scim-base-url';
import { checkIfMatch, matchesAny } from './etag';
import { parseListQuery, type ListQuery, type RawListParameters } from './list-query';
import { toListResponse } from './list-response';
import { asksForAttributes, type PatchOutcome } from './patch-outcome';
import { ReadYourWrites } from './read-your-writes';
import { renderResource, type Projection, type ResourceKind } from './resource-renderer';
import { found, requireResourceId } from './resource-reads';
import { commandMetadata, GATEWAY_CLOCK, type GatewayClock } from './write-context';

export interface RenderedResource {
  resource: ScimResource;
  version: string;
  location: string;
}

/** Which resource a write is about, and for whom. */
export interface WriteTarget {
  tenantId: string;
  id: string;
  metadata: CommandMetadata;
}

/** A write to an existing resource: the version read, and the client's If-Match (already checked against it). */
export interface GuardedTarget extends WriteTarget {
  current: ResourceView;
  ifMatch: string | undefined;
}

/**
 * What differs between /Users and /Groups (ZITADEL's ResourceHandler[T]): the read model's
 * queries, the commands, and the few rules of one type. ResourceEndpoints runs the same flows
 * over either.
 */
export interface ResourceHandler {
  readonly kind: ResourceKind;
  /** The stored resource; without references (a user's groups, a group's members) when they are not shown. */
  read(tenantId: string, id: string, withReferences: boolean): Promise<ResourceView | undefined>;
  list(tenantId: string, query: ListQuery, withReferences: boolean): Promise<ListResult>;
  /** Whether the answer shows the references: if not, they are not even read. */
  showsReferences(projection: Projection): boolean;
  /** A validated resource as the write model takes it. */
  toWrite(resource: ScimResource): JsonObject;
  /** A PATCH that asks for no attributes is answered 204 (else 200 with the resource). */
  answersPatchWithNoContent(policy: IdpProfilePolicy): boolean;
  create(target: WriteTarget, resource: JsonObject): Command<WriteResult>;
  replace(target: GuardedTarget, resource: JsonObject): Command<WriteResult>;
  /** The PatchOp goes to the write model, which applies it to the resource it reads (again after a lost race). */
  patch(target: GuardedTarget, operations: PatchOperation[], policy: IdpProfilePolicy): Command<WriteResult>;
  delete(target: GuardedTarget): Command<WriteResult>;
}

/** What every resource type's endpoints need from the application. */
@Injectable()
export class EndpointServices {
  constructor(
    readonly commands: CommandBus,
    readonly readYourWrites: ReadYourWrites,
    @Inject(APP_CONFIG) readonly config: AppConfig,
    @Inject(GATEWAY_CLOCK) readonly clock: GatewayClock,
  ) {}
}

/**
 * The flows of one resource type's endpoints: request → validated resource → command → wait for
 * the read model → the stored resource rendered. Controllers stay one line per route.
 */
export class ResourceEndpoints {
  constructor(
    private readonly services: EndpointServices,
    readonly handler: ResourceHandler,
  ) {}

  get kind(): ResourceKind {
    return this.handler.kind;
  }

  async create(principal: ScimPrincipal, body: unknown, projection: Projection): Promise<RenderedResource> {
    const resource = this.validate(principal, body);
    const target = { tenantId: principal.tenantId, id: randomUUID(), metadata: this.metadata(principal) };
    return this.writeAndRender(principal, this.handler.create(target, resource), projection);
  }

  async get(
    principal: ScimPrincipal,
    id: string,
    projection: Projection,
    ifNoneMatch?: string,
  ): Promise<RenderedResource | 'not-modified'> {
    const view = await this.read(principal, id, this.handler.showsReferences(projection));
    if (matchesAny(ifNoneMatch, view.version)) return 'not-modified';
    return this.render(principal, view.resource, view.version, projection);
  }

  async list(principal: ScimPrincipal, query: ListQuery): Promise<ListResult> {
    const result = await this.handler.list(principal.tenantId, query, this.handler.showsReferences(query));
    const base = this.baseUrl(principal);
    return {
      ...result,
      resources: result.resources.map((resource) => renderResource(resource, this.kind, base, query) as JsonObject),
    };
  }

  /** GET list and POST .search (RFC 7644 §3.4.2, §3.4.3) as a ListResponse. */
  async listResponse(principal: ScimPrincipal, raw: RawListParameters) {
    const policy = idpProfilePolicy(principal.idpProfile);
    const query = parseListQuery(raw, this.kind.schema, this.services.config.SCIM_MAX_RESULTS, policy);
    return toListResponse(await this.list(principal, query));
  }

  async replace(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    projection: Projection,
  ): Promise<RenderedResource> {
    const target = await this.guarded(principal, id, ifMatch);
    const resource = this.validate(principal, body, target.current.resource);
    return this.writeAndRender(principal, this.handler.replace(target, resource), projection);
  }

  async patch(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    projection: Projection,
  ): Promise<PatchOutcome> {
    requireResourceId(this.kind.endpoint, id);
    const policy = idpProfilePolicy(principal.idpProfile);
    const operations = operationsOfPatchRequest(body);
    if (!policy.acceptsStringBooleans) rejectStringBooleansInPatch(operations);
    const target = await this.guarded(principal, id, ifMatch);
    const result = await this.services.commands.execute(this.handler.patch(target, operations, policy));
    if (this.handler.answersPatchWithNoContent(policy) && !asksForAttributes(projection)) {
      await this.waitFor(principal, result, id);
      return { status: 204, version: (await this.read(principal, id, false)).version };
    }
    return { status: 200, rendered: await this.afterWrite(principal, result, projection) };
  }

  async delete(principal: ScimPrincipal, id: string, ifMatch: string | undefined): Promise<void> {
    const target = await this.guarded(principal, id, ifMatch);
    const result = await this.services.commands.execute(this.handler.delete(target));
    await this.waitFor(principal, result, id);
  }

  /** The resource read without its references, and If-Match checked against its version. */
  private async guarded(principal: ScimPrincipal, id: string, ifMatch: string | undefined): Promise<GuardedTarget> {
    const current = await this.read(principal, id, false);
    checkIfMatch(ifMatch, current.version);
    return { tenantId: principal.tenantId, id, metadata: this.metadata(principal), current, ifMatch };
  }

  private async read(principal: ScimPrincipal, id: string, withReferences: boolean): Promise<ResourceView> {
    requireResourceId(this.kind.endpoint, id);
    return found(await this.handler.read(principal.tenantId, id, withReferences), this.kind.endpoint, id);
  }

  private validate(principal: ScimPrincipal, body: unknown, existing?: JsonObject): JsonObject {
    const policy = idpProfilePolicy(principal.idpProfile);
    if (!policy.acceptsStringBooleans) rejectStringBooleans(body);
    const { unknownAttributes } = policy;
    return this.handler.toWrite(validateResource(body, this.kind.schema, { unknownAttributes, existing }));
  }

  private waitFor(principal: ScimPrincipal, result: WriteResult, id: string): Promise<void> {
    return this.services.readYourWrites.waitFor({
      tenantId: principal.tenantId,
      position: result.lastGlobalPosition,
      location: this.location(principal, id),
    });
  }

  private async writeAndRender(
    principal: ScimPrincipal,
    command: Command<WriteResult>,
    projection: Projection,
  ): Promise<RenderedResource> {
    return this.afterWrite(principal, await this.services.commands.execute(command), projection);
  }

  /** Waits until the read model holds the write, then renders the resource as it reads now. */
  private async afterWrite(
    principal: ScimPrincipal,
    result: WriteResult,
    projection: Projection,
  ): Promise<RenderedResource> {
    await this.waitFor(principal, result, result.id);
    const view = await this.read(principal, result.id, this.handler.showsReferences(projection));
    return this.render(principal, view.resource, view.version, projection);
  }

  private render(
    principal: ScimPrincipal,
    stored: JsonObject,
    version: string,
    projection: Projection,
  ): RenderedResource {
    const resource = renderResource(stored, this.kind, this.baseUrl(principal), projection);
    return { resource, version, location: this.location(principal, String(stored.id)) };
  }

  private metadata(principal: ScimPrincipal): CommandMetadata {
    return commandMetadata(principal, this.services.clock);
  }

  private location(principal: ScimPrincipal, id: string): string {
    return `${this.baseUrl(principal)}/${this.kind.endpoint}/${id}`;
  }

  private baseUrl(principal: ScimPrincipal): string {
    return scimBaseUrl(this.services.config, principal.tenantId);
  }
}
