import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentPrincipal, type ScimPrincipal } from '@lib/tenancy';
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
}
