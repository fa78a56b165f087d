import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import { RequiresAuth } from '@lib/platform';
import { OperatorGuard } from '../auth/operator.guard';
import { ProvisioningLogRepository } from '../provisioning-log/provisioning-log.repository';
import { TenantAdminService } from '../tenants/tenant-admin.service';
import { adminValidationPipe } from './admin-validation.pipe';
import { BasicAuthDto, CreateTenantDto, EnableScimDto, ProvisioningLogQueryDto, RotateKeyDto } from './admin.dto';

export const BASIC_AUTH_WARNING = 'HTTP Basic is for test instances only; use Bearer API keys in production.';

/** The operator's API for tenant SCIM settings and the provisioning log. One delegating line per route. */
@Controller('admin/tenants')
@RequiresAuth('operator')
@UseGuards(OperatorGuard)
@UsePipes(adminValidationPipe)
export class TenantAdminController {
  constructor(
    private readonly tenants: TenantAdminService,
    private readonly provisioningLog: ProvisioningLogRepository,
  ) {}

  @Post()
  create(@Body() body: CreateTenantDto) {
    return this.tenants.createTenant(body.name, body.id);
  }

  @Get()
  async list() {
    return { tenants: await this.tenants.listTenants() };
  }

  @Get(':tenantId')
  get(@Param('tenantId') tenantId: string) {
    return this.tenants.getTenant(tenantId);
  }

  /** Enable SCIM (or change the IdP profile). The API key in the answer is shown this once. */
  @Put(':tenantId/scim')
  @Header('Cache-Control', 'no-store')
  enable(@Param('tenantId') tenantId: string, @Body() body: EnableScimDto) {
    return this.tenants.enableScim(tenantId, body.idpProfile);
  }

  @Delete(':tenantId/scim')
  @HttpCode(204)
  async disable(@Param('tenantId') tenantId: string) {
    await this.tenants.disableScim(tenantId);
  }

  @Post(':tenantId/scim/keys/rotate')
  @Header('Cache-Control', 'no-store')
  rotate(@Param('tenantId') tenantId: string, @Body() body: RotateKeyDto) {
    return this.tenants.rotateKey(tenantId, { graceSeconds: body.graceSeconds });
  }

  @Get(':tenantId/scim/keys')
  async keys(@Param('tenantId') tenantId: string) {
    return { tenantId, keys: await this.tenants.listKeys(tenantId) };
  }

  @Delete(':tenantId/scim/keys/:keyId')
  @HttpCode(204)
  async revoke(@Param('tenantId') tenantId: string, @Param('keyId') keyId: string) {
    await this.tenants.revokeKey(tenantId, keyId);
  }

  @Put(':tenantId/scim/basic-auth')
  async basicAuth(@Param('tenantId') tenantId: string, @Body() body: BasicAuthDto) {
    const result = await this.tenants.setBasicAuth(tenantId, body.enabled);
    return body.enabled ? { ...result, warning: BASIC_AUTH_WARNING } : result;
  }

  @Get(':tenantId/provisioning-log')
  async log(@Param('tenantId') tenantId: string, @Query() query: ProvisioningLogQueryDto) {
    await this.tenants.getTenant(tenantId);
    const entries = await this.provisioningLog.query({ tenantId, ...query });
    return { tenantId, count: entries.length, entries };
  }
}
