import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentPrincipal, type ScimPrincipal } from '@lib/tenancy';
import { ScimEndpoint } from '../scim-endpoint.decorator';
import { SCIM_ROUTE_PREFIX } from '../scim-base-url';
import { BulkProcessor } from './bulk-processor';

@ScimEndpoint()
@Controller(SCIM_ROUTE_PREFIX)
export class BulkController {
  constructor(private readonly bulk: BulkProcessor) {}

  @Post('Bulk')
  @HttpCode(200)
  process(@CurrentPrincipal() principal: ScimPrincipal, @Body() body: unknown) {
    return this.bulk.process(principal, body);
  }
}
