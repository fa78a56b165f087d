import 'reflect-metadata';
import { runService } from '@lib/platform';
import { GatewayModule } from './gateway.module';
import { serveOpenApi } from './http/openapi';

void runService({
  name: 'scim-gateway',
  rootModule: (infrastructure) => GatewayModule.forRoot(infrastructure),
  configure: (app, context) => serveOpenApi(app, context.env.PUBLIC_BASE_URL),
});
