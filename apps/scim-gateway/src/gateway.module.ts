import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScimExceptionFilter } from './http/scim-exception.filter';

/** The SCIM gateway: SCIM endpoints, the tenant admin API and the audit API. */
@Module({})
export class GatewayModule {
  static forRoot(infrastructure: DynamicModule): DynamicModule {
    return {
      module: GatewayModule,
      imports: [infrastructure],
      providers: [{ provide: APP_FILTER, useClass: ScimExceptionFilter }],
    };
  }
}
