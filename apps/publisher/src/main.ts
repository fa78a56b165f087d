import 'reflect-metadata';
import { runService } from '@lib/platform';
import { PublisherAppModule } from './publisher-app.module';

void runService({ name: 'publisher', rootModule: (infrastructure) => PublisherAppModule.forRoot(infrastructure) });
