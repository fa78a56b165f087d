import { Body, Controller, Get, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ResourceNotFoundError, UniquenessError } from '@lib/scim';
import {
  CurrentPrincipal,
  ProvisioningLogInterceptor,
  ScimAuthGuard,
  ScimRateLimitGuard,
  type ScimPrincipal,
} from '@lib/tenancy';

/**
 * A stand-in for SCIM routes that return their answers to Nest: tenancy's guards, and its interceptor for the
 * provisioning log (the gateway records errors in its exception filter instead).
 */
@Controller('scim/v2/:tenantId')
@UseGuards(ScimAuthGuard, ScimRateLimitGuard)
@UseInterceptors(ProvisioningLogInterceptor)
export class FakeScimController {
  private readonly userNames = new Set<string>();
  private next = 1;

  @Post('Users')
  @HttpCode(201)
  create(@Body() body: { userName: string; password?: string }, @CurrentPrincipal() principal: ScimPrincipal) {
    const key = `${principal.tenantId}/${body.userName.toLowerCase()}`;
    if (this.userNames.has(key))
      throw new UniquenessError('SCIM-E66s', `userName "${body.userName}" is already in use`);
    this.userNames.add(key);
    return { id: `u${this.next++}`, userName: body.userName, principal };
  }

  @Get('Users/:id')
  get(@Param('id') id: string): never {
    throw new ResourceNotFoundError('SCIM-66Vw', `User ${id} not found`);
  }

  @Get('ServiceProviderConfig')
  config(@CurrentPrincipal() principal: ScimPrincipal) {
    return { ok: true, principal };
  }
}
