import { Controller, Param, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { AuditorGuard } from '../credentials/auditor.guard';
import { AuditExceptionFilter } from './audit-exception.filter';
import { auditRoutes } from './audit-routes';

/**
 * The audit API (read-only, one tenant per auditor credential). JSON answers and streamed
 * CSV/JSON exports; see docs/audit.md for the questions each route answers.
 */
@Controller('audit/v1/:tenantId')
// Declares the credential for the gateway's secure-by-default guard (AUTH_SCHEME in apps/scim-gateway/src/auth).
@SetMetadata('authScheme', 'auditor')
@UseGuards(AuditorGuard)
@UseFilters(AuditExceptionFilter)
export class AuditController extends auditRoutes(Param('tenantId')) {}
