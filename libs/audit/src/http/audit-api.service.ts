import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { AccessEntry, RoleHolding, TimelineEntry } from '../model/answers';
import { AuditQueries } from '../queries/audit-queries';
import { notFound } from './audit-http-error';
import {
  parseAccessFilter,
  parseFormat,
  parseInstant,
  parsePaging,
  parseWindow,
  type ExportFormat,
} from './audit-params';
import { writeExport, writeJson } from './export-writer';

export type AuditQuery = Record<string, unknown>;

/** Largest page of the paged (non-export) JSON answers; exports have no limit. */
const MAX_PAGE = 1000;

/**
 * The audit API's HTTP answers: parses parameters, asks AuditQueries, and writes paged JSON or a
 * streamed export. Choices (docs/audit.md): an unknown user (timeline) or role (history) is a
 * 404; a filter on an unknown user or role in the access question is simply an empty answer.
 */
@Injectable()
export class AuditApi {
  constructor(private readonly queries: AuditQueries) {}

  async access(tenantId: string, query: AuditQuery, response: ServerResponse, pathFormat?: string): Promise<void> {
    const at = parseInstant('at', query.at) ?? new Date().toISOString();
    const filter = parseAccessFilter(query.role, query.user);
    const format = this.format(query, pathFormat);
    if (format) {
      return writeExport(response, format, this.queries.accessChunks(tenantId, at, filter), {
        name: `access-${tenantId}-${at.replace(/[:.]/g, '')}`,
        csvHeader: ['at', 'userId', 'userName', 'activeSince', 'groupId', 'roleName', 'grantedAt'],
        csvRows: (e: AccessEntry) =>
          e.roles.length === 0
            ? [[at, e.userId, e.userName, e.activeSince, '', '', '']]
            : e.roles.map((r) => [at, e.userId, e.userName, e.activeSince, r.groupId, r.displayName, r.grantedAt]),
        jsonHead: { tenantId, at, ...filter },
      });
    }
    const { startIndex, count } = parsePaging(query.startIndex, query.count, MAX_PAGE);
    const page = await this.queries.accessPage(tenantId, at, filter, startIndex, count);
    writeJson(response, {
      tenantId,
      at,
      ...filter,
      totalResults: page.totalResults,
      startIndex,
      itemsPerPage: page.entries.length,
      Resources: page.entries,
    });
  }

  async timeline(
    tenantId: string,
    userId: string,
    query: AuditQuery,
    response: ServerResponse,
    pathFormat?: string,
  ): Promise<void> {
    const format = this.format(query, pathFormat);
    const entries = await this.queries.timeline(tenantId, userId);
    if (!entries) throw notFound(`User "${userId.slice(0, 64)}" has no history in this tenant.`);
    if (format) {
      return writeExport(response, format, single(entries), {
        name: `timeline-${tenantId}-${userId}`,
        csvHeader: [
          'at',
          'action',
          'reason',
          'eventId',
          'actorKind',
          'actorKeyId',
          'actorIdpProfile',
          'requestId',
          'correlationId',
          'groupId',
          'path',
          'before',
          'after',
        ],
        csvRows: (e: TimelineEntry) =>
          e.changes.map((c) => [
            e.at,
            e.action,
            e.reason,
            e.eventId,
            e.actor.kind,
            e.actor.keyId,
            e.actor.idpProfile,
            e.requestId,
            e.correlationId,
            e.groupId,
            c.path,
            JSON.stringify(c.before),
            JSON.stringify(c.after),
          ]),
        jsonHead: { tenantId, userId },
      });
    }
    writeJson(response, { tenantId, userId, totalResults: entries.length, Resources: entries });
  }

  async roleHistory(
    tenantId: string,
    groupId: string,
    query: AuditQuery,
    response: ServerResponse,
    pathFormat?: string,
  ): Promise<void> {
    const window = parseWindow(query.from, query.to);
    const format = this.format(query, pathFormat);
    if (!(await this.queries.roleExists(tenantId, groupId)))
      throw notFound(`Role "${groupId.slice(0, 64)}" has no history in this tenant.`);
    if (format) {
      return writeExport(response, format, this.queries.roleHistoryChunks(tenantId, groupId, window), {
        name: `role-${tenantId}-${groupId}`,
        csvHeader: [
          'groupId',
          'userId',
          'grantedAt',
          'grantedByKind',
          'grantedByKeyId',
          'grantedRequestId',
          'revokedAt',
          'revokedByKind',
          'revokedByKeyId',
          'revokedRequestId',
          'revokeReason',
        ],
        csvRows: (h: RoleHolding) => [
          [
            groupId,
            h.userId,
            h.grantedAt,
            h.grantedBy.kind,
            h.grantedBy.keyId,
            h.grantedRequestId,
            h.revokedAt,
            h.revokedBy?.kind,
            h.revokedBy?.keyId,
            h.revokedRequestId,
            h.revokeReason,
          ],
        ],
        jsonHead: { tenantId, groupId, from: window.from ?? null, to: window.to ?? null },
      });
    }
    const { startIndex, count } = parsePaging(query.startIndex, query.count ?? String(MAX_PAGE), MAX_PAGE);
    const page = await this.queries.roleHistory(tenantId, groupId, window, startIndex, count);
    writeJson(response, {
      tenantId,
      groupId,
      from: window.from ?? null,
      to: window.to ?? null,
      totalResults: page?.totalResults ?? 0,
      startIndex,
      itemsPerPage: page?.holdings.length ?? 0,
      Resources: page?.holdings ?? [],
    });
  }

  async verify(tenantId: string, response: ServerResponse): Promise<void> {
    writeJson(response, { tenantId, ...(await this.queries.verify(tenantId)) });
  }

  /** `?format=` or the extension of an /exports/... path; both at once must agree. */
  private format(query: AuditQuery, pathFormat: string | undefined): ExportFormat | undefined {
    const fromPath = pathFormat === undefined ? undefined : parseFormat(pathFormat);
    const fromQuery = parseFormat(query.format);
    if (fromPath && fromQuery && fromPath !== fromQuery) return parseFormat(`${fromPath}/${fromQuery}`);
    return fromPath ?? fromQuery;
  }
}

async function* single<T>(items: T[]): AsyncGenerator<T[]> {
  yield items;
}
