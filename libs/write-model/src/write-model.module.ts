import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { CreateGroupHandler, DeleteGroupHandler, PatchGroupHandler, ReplaceGroupHandler } from './groups';
import {
  CreateTenantHandler,
  DisableScimHandler,
  EnableScimHandler,
  IssueScimApiKeyHandler,
  RecordParkedEventSkipHandler,
  RevokeScimApiKeyHandler,
  ToggleBasicAuthHandler,
} from './tenants';
import { DeleteUserHandler, PatchUserHandler, ProvisionUserHandler, ReplaceUserHandler } from './users';

export const WRITE_MODEL_HANDLERS = [
  ProvisionUserHandler,
  ReplaceUserHandler,
  PatchUserHandler,
  DeleteUserHandler,
  CreateGroupHandler,
  PatchGroupHandler,
  ReplaceGroupHandler,
  DeleteGroupHandler,
  CreateTenantHandler,
  EnableScimHandler,
  IssueScimApiKeyHandler,
  RevokeScimApiKeyHandler,
  DisableScimHandler,
  ToggleBasicAuthHandler,
  RecordParkedEventSkipHandler,
];

/**
 * The command handlers. The application imports `CqrsModule.forRoot()` once (it is global) and
 * gives this module the two ports: EVENT_STORE (@lib/event-store) and MEMBER_DIRECTORY.
 *
 *   WriteModelModule.register({ imports: [EventStoreModule], providers: [{ provide: MEMBER_DIRECTORY, useClass: ... }] })
 */
@Module({})
export class WriteModelModule {
  static register(options: { imports?: ModuleMetadata['imports']; providers: Provider[] }): DynamicModule {
    return { module: WriteModelModule, imports: options.imports ?? [], providers: [...options.providers, ...WRITE_MODEL_HANDLERS] };
  }
}
