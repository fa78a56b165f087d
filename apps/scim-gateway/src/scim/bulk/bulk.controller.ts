import { ApiExcludeEndpoint, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { All, Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { HttpRequest } from '@lib/platform';
import { CurrentPrincipal, type ScimPrincipal } from '@lib/tenancy';
import { MethodNotAllowedError } from '../method-not-allowed';
import { ScimEndpoint } from '../scim-endpoint.decorator';
import { SCIM_ROUTE_PREFIX } from '../scim-base-url';
import { BulkProcessor } from './bulk-processor';

@ApiTags('SCIM Bulk')
@ApiBearerAuth('bearer')
@ScimEndpoint()
@Controller(SCIM_ROUTE_PREFIX)
export class BulkController {
  constructor(private readonly bulk: BulkProcessor) {}

  @ApiOperation({ summary: 'Bulk operations with bulkId references (RFC 7644 §3.7)' })
  @Post('Bulk')
  @HttpCode(200)
  process(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown) {
    return this.bulk.process(principal, body);
  }

  @ApiExcludeEndpoint()
  @All('Bulk')
  methodNotAllowed(@Req() req: HttpRequest): never {
    throw new MethodNotAllowedError('SCIM-FEvv', req.method, 'POST');
  }
}
