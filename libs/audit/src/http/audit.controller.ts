import { Controller, Get, Param, Query, Res, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AuditorGuard } from '../credentials/auditor.guard';
import { AuditApi, type AuditQuery } from './audit-api.service';
import { AuditExceptionFilter } from './audit-exception.filter';

/**
 * The audit API (read-only, one tenant per auditor credential). JSON answers and streamed
 * CSV/JSON exports; see docs/audit.md for the questions each route answers.
 */
@Controller('audit/v1/:tenantId')
// Declares the credential for the gateway's secure-by-default guard (AUTH_SCHEME in apps/scim-gateway/src/auth).
@SetMetadata('authScheme', 'auditor')
@UseGuards(AuditorGuard)
@UseFilters(AuditExceptionFilter)
export class AuditController {
  constructor(private readonly api: AuditApi) {}

  @Get('access')
  access(@Param('tenantId') tenantId: string, @Query() query: AuditQuery, @Res() res: Response) {
    return this.api.access(tenantId, query, res);
  }

  @Get('exports/access.:format')
  exportAccess(
    @Param('tenantId') tenantId: string,
    @Param('format') format: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.access(tenantId, query, res, format);
  }

  @Get('users/:userId/timeline')
  timeline(
    @Param('tenantId') tenantId: string,
    @Param('userId') userId: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.timeline(tenantId, userId, query, res);
  }

  @Get('exports/users/:userId/timeline.:format')
  exportTimeline(
    @Param('tenantId') tenantId: string,
    @Param('userId') userId: string,
    @Param('format') format: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.timeline(tenantId, userId, query, res, format);
  }

  @Get('roles/:groupId/history')
  roleHistory(
    @Param('tenantId') tenantId: string,
    @Param('groupId') groupId: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.roleHistory(tenantId, groupId, query, res);
  }

  @Get('exports/roles/:groupId/history.:format')
  exportRoleHistory(
    @Param('tenantId') tenantId: string,
    @Param('groupId') groupId: string,
    @Param('format') format: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.roleHistory(tenantId, groupId, query, res, format);
  }

  @Get('verify')
  verify(@Param('tenantId') tenantId: string, @Res() res: Response) {
    return this.api.verify(tenantId, res);
  }
}
