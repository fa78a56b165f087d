import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditApi, AuditExceptionFilter, type AuditQuery } from '@lib/audit';
import type { ConsoleRequest } from '../session/console-authenticator';
import { ConsoleSessionRoute } from '../session/console-session.guard';

/**
 * The audit API for an auditor's console session: the same AuditApi answers as /audit/v1/:tenantId,
 * for the one tenant of the session's credential (the URL names no tenant, so there is none to get
 * wrong). One delegating line per route.
 */
@ApiExcludeController() // the console's own routes, for its page; the public API is /admin and /audit
@Controller('console/api/audit')
@ConsoleSessionRoute('auditor')
@UseFilters(AuditExceptionFilter)
export class AuditorApiController {
  constructor(private readonly api: AuditApi) {}

  @Get('access')
  access(@Req() req: ConsoleRequest, @Query() query: AuditQuery, @Res() res: Response) {
    return this.api.access(tenantOf(req), query, res);
  }

  @Get('exports/access.:format')
  exportAccess(
    @Req() req: ConsoleRequest,
    @Param('format') format: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.access(tenantOf(req), query, res, format);
  }

  @Get('users/:userId/timeline')
  timeline(
    @Req() req: ConsoleRequest,
    @Param('userId') userId: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.timeline(tenantOf(req), userId, query, res);
  }

  @Get('exports/users/:userId/timeline.:format')
  exportTimeline(
    @Req() req: ConsoleRequest,
    @Param('userId') userId: string,
    @Param('format') format: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.timeline(tenantOf(req), userId, query, res, format);
  }

  @Get('roles/:groupId/history')
  roleHistory(
    @Req() req: ConsoleRequest,
    @Param('groupId') groupId: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.roleHistory(tenantOf(req), groupId, query, res);
  }

  @Get('exports/roles/:groupId/history.:format')
  exportRoleHistory(
    @Req() req: ConsoleRequest,
    @Param('groupId') groupId: string,
    @Param('format') format: string,
    @Query() query: AuditQuery,
    @Res() res: Response,
  ) {
    return this.api.roleHistory(tenantOf(req), groupId, query, res, format);
  }

  @Get('verify')
  verify(@Req() req: ConsoleRequest, @Res() res: Response) {
    return this.api.verify(tenantOf(req), res);
  }
}

/** The guard has put an auditor session on the request; an auditor session always has its tenant. */
function tenantOf(req: ConsoleRequest): string {
  return req.consoleSession!.tenantId!;
}
