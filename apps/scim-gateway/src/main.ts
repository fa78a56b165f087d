import 'reflect-metadata';
import { runService } from '@lib/platform';
import { GatewayModule } from './gateway.module';

void runService({ name: 'scim-gateway', rootModule: (infrastructure) => GatewayModule.forRoot(infrastructure) });
