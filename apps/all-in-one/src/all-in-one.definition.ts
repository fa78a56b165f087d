import type { ServiceDefinition } from '@lib/platform';
import { AllInOneModule } from './all-in-one.module';
import { announceQuickstart } from './quickstart';

export const allInOneDefinition: ServiceDefinition = {
  name: 'all-in-one',
  rootModule: (infrastructure, context) => AllInOneModule.forRoot(infrastructure, context),
  afterStart: announceQuickstart,
};
