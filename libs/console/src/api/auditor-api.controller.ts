import { Controller, createParamDecorator, UseFilters, type ExecutionContext } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AuditExceptionFilter, auditRoutes } from '@lib/audit';
import type { ConsoleRequest } from '../session/console-authenticator';
import { ConsoleSessionRoute } from '../session/console-session.guard';

/** The guard has put an auditor session on the request; an auditor session always has its tenant. */
const SessionTenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<ConsoleRequest>().consoleSession!.tenantId!,
);

/**
 * The audit API for an auditor's console session: the same routes and answers as /audit/v1/:tenantId,
 * for the one tenant of the session's credential (the URL names no tenant, so there is none to get
 * wrong).
 */
@ApiExcludeController() // the console's own routes, for its page; the public API is /admin and /audit
@Controller('console/api/audit')
@ConsoleSessionRoute('auditor')
@UseFilters(AuditExceptionFilter)
export class AuditorApiController extends auditRoutes(SessionTenant()) {}
