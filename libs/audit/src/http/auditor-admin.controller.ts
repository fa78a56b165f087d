import {
  BadRequestException,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { OperatorGuard } from '@lib/tenancy';
import { AuditorCredentials } from '../credentials/auditor-credentials.service';

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The operator issues and revokes auditor credentials. Errors go through the gateway's filter
 * like the rest of the admin API.
 */
@Controller('admin/tenants/:tenantId/auditors')
// Declares the credential for the gateway's secure-by-default guard (AUTH_SCHEME in apps/scim-gateway/src/auth).
@SetMetadata('authScheme', 'operator')
@UseGuards(OperatorGuard)
export class AuditorAdminController {
  constructor(
    private readonly credentials: AuditorCredentials,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The secret in the answer is shown this once. */
  @Post()
  @Header('Cache-Control', 'no-store')
  async issue(@Param('tenantId') tenantId: string) {
    await this.requireTenant(tenantId);
    return this.credentials.issue(tenantId);
  }

  @Get()
  async list(@Param('tenantId') tenantId: string) {
    await this.requireTenant(tenantId);
    return { auditors: await this.credentials.list(tenantId) };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('tenantId') tenantId: string, @Param('id') id: string) {
    if (!(await this.credentials.revoke(tenantId, id)))
      throw new NotFoundException(`No active auditor credential ${id.slice(0, 32)} in tenant ${tenantId}.`);
  }

  /** A credential for a tenant that does not exist would be a typo that silently sees nothing. */
  private async requireTenant(tenantId: string): Promise<void> {
    if (!TENANT_ID.test(tenantId)) throw new BadRequestException(`Tenant id "${tenantId.slice(0, 80)}" is invalid.`);
    const events = await this.store.readStream(`tenant-${tenantId}`);
    if (events.length === 0) throw new NotFoundException(`Tenant ${tenantId} does not exist.`);
  }
}
