import { Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { HttpReply } from '@lib/platform';
import { AuditApi, type AuditQuery } from './audit-api.service';

/**
 * The audit API's routes (docs/audit.md), one delegating line each: each question answered as paged
 * JSON, and streamed as a CSV or JSON export (`format`). A controller extends the class made here with
 * its path and guard, and says where the request's tenant comes from with a parameter decorator: the
 * URL's `Param('tenantId')` (/audit/v1/:tenantId), or an auditor's console session.
 */
export function auditRoutes(tenant: ParameterDecorator) {
  abstract class AuditRoutes {
    @Inject(AuditApi) protected readonly api!: AuditApi;

    @Get('access')
    access(@tenant tenantId: string, @Query() query: AuditQuery, @Res() res: HttpReply) {
      return this.api.access(tenantId, query, res.raw);
    }

    @Get('exports/access.:format')
    exportAccess(
      @tenant tenantId: string,
      @Param('format') format: string,
      @Query() query: AuditQuery,
      @Res() res: HttpReply,
    ) {
      return this.api.access(tenantId, query, res.raw, format);
    }

    @Get('users/:userId/timeline')
    timeline(
      @tenant tenantId: string,
      @Param('userId') userId: string,
      @Query() query: AuditQuery,
      @Res() res: HttpReply,
    ) {
      return this.api.timeline(tenantId, userId, query, res.raw);
    }

    @Get('exports/users/:userId/timeline.:format')
    exportTimeline(
      @tenant tenantId: string,
      @Param('userId') userId: string,
      @Param('format') format: string,
      @Query() query: AuditQuery,
      @Res() res: HttpReply,
    ) {
      return this.api.timeline(tenantId, userId, query, res.raw, format);
    }

    @Get('roles/:groupId/history')
    roleHistory(
      @tenant tenantId: string,
      @Param('groupId') groupId: string,
      @Query() query: AuditQuery,
      @Res() res: HttpReply,
    ) {
      return this.api.roleHistory(tenantId, groupId, query, res.raw);
    }

    @Get('exports/roles/:groupId/history.:format')
    exportRoleHistory(
      @tenant tenantId: string,
      @Param('groupId') groupId: string,
      @Param('format') format: string,
      @Query() query: AuditQuery,
      @Res() res: HttpReply,
    ) {
      return this.api.roleHistory(tenantId, groupId, query, res.raw, format);
    }

    @Get('verify')
    verify(@tenant tenantId: string, @Res() res: HttpReply) {
      return this.api.verify(tenantId, res.raw);
    }
  }
  return AuditRoutes;
}
