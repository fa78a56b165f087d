import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { CreateGroupHandler, DeleteGroupHandler, PatchGroupHandler, ReplaceGroupHandler } from './groups';
import { TENANT_COMMAND_HANDLERS } from './tenants';
import {
  DeleteUserHandler,
  EraseUserHandler,
  PatchUserHandler,
  ProvisionUserHandler,
  ReplaceUserHandler,
} from './users';

export const WRITE_MODEL_HANDLERS = [
  ProvisionUserHandler,
  ReplaceUserHandler,
  PatchUserHandler,
  DeleteUserHandler,
  EraseUserHandler,
  CreateGroupHandler,
  PatchGroupHandler,
  ReplaceGroupHandler,
  DeleteGroupHandler,
  ...TENANT_COMMAND_HANDLERS,
];

/**
 * The command handlers. The application imports `CqrsModule.forRoot()` once (it is global) and
 * gives this module the ports: EVENT_STORE (@lib/event-store), MEMBER_DIRECTORY, and DATA_KEY_SHREDDER
 * (@lib/personal-data's key store; without it an erasure is refused).
 *
 *   WriteModelModule.register({
 *     imports: [EventStoreModule],
 *     providers: [{ provide: MEMBER_DIRECTORY, useClass: ... }],
 *   })
 */
@Module({})
export class WriteModelModule {
  static register(options: { imports?: ModuleMetadata['imports']; providers: Provider[] }): DynamicModule {
    return {
      module: WriteModelModule,
      imports: options.imports ?? [],
      providers: [...options.providers, ...WRITE_MODEL_HANDLERS],
    };
  }
}
