import type { ServiceDefinition } from '@lib/platform';
import { serveOpenApi } from '../../scim-gateway/src/http/openapi';
import { AllInOneModule } from './all-in-one.module';
import { announceQuickstart } from './quickstart';

export const allInOneDefinition: ServiceDefinition = {
  name: 'all-in-one',
  rootModule: (infrastructure, context) => AllInOneModule.forRoot(infrastructure, context),
  configure: (app, context) => serveOpenApi(app, context.env.PUBLIC_BASE_URL),
  afterStart: announceQuickstart,
};
