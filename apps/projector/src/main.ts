import 'reflect-metadata';
import { runService } from '@lib/platform';
import { ProjectorAppModule } from './projector-app.module';

void runService({ name: 'projector', rootModule: (infrastructure) => ProjectorAppModule.forRoot(infrastructure) });
