import type { Command } from '@nestjs/cqrs';
import type { CommandMetadata, TenantCommand } from '@lib/domain';
import type { WriteResult } from '../shared/command-result';
import { CreateTenantCommand } from './create-tenant/create-tenant.command';
import { CreateTenantHandler } from './create-tenant/create-tenant.handler';
import { DisableScimCommand } from './disable-scim/disable-scim.command';
import { DisableScimHandler } from './disable-scim/disable-scim.handler';
import { EnableScimCommand } from './enable-scim/enable-scim.command';
import { EnableScimHandler } from './enable-scim/enable-scim.handler';
import { IssueScimApiKeyCommand } from './issue-scim-api-key/issue-scim-api-key.command';
import { IssueScimApiKeyHandler } from './issue-scim-api-key/issue-scim-api-key.handler';
import { RecordParkedEventSkipCommand } from './record-parked-event-skip/record-parked-event-skip.command';
import { RecordParkedEventSkipHandler } from './record-parked-event-skip/record-parked-event-skip.handler';
import { RevokeScimApiKeyCommand } from './revoke-scim-api-key/revoke-scim-api-key.command';
import { RevokeScimApiKeyHandler } from './revoke-scim-api-key/revoke-scim-api-key.handler';
import { ToggleBasicAuthCommand } from './toggle-basic-auth/toggle-basic-auth.command';
import { ToggleBasicAuthHandler } from './toggle-basic-auth/toggle-basic-auth.handler';

type BusCommandClass<C extends TenantCommand> = new (input: {
  command: Omit<C, 'type'>;
  metadata: CommandMetadata;
}) => Command<WriteResult>;

/** The CommandBus command of each domain tenant command. */
const BUS_COMMANDS: { readonly [T in TenantCommand['type']]: BusCommandClass<Extract<TenantCommand, { type: T }>> } = {
  CreateTenant: CreateTenantCommand,
  EnableScim: EnableScimCommand,
  IssueScimApiKey: IssueScimApiKeyCommand,
  RevokeScimApiKey: RevokeScimApiKeyCommand,
  DisableScim: DisableScimCommand,
  ToggleBasicAuth: ToggleBasicAuthCommand,
  RecordParkedEventSkip: RecordParkedEventSkipCommand,
};

/** The handlers of the tenant commands (each runs runTenantCommand), for a module that sends them. */
export const TENANT_COMMAND_HANDLERS = [
  CreateTenantHandler,
  EnableScimHandler,
  IssueScimApiKeyHandler,
  RevokeScimApiKeyHandler,
  DisableScimHandler,
  ToggleBasicAuthHandler,
  RecordParkedEventSkipHandler,
];

/** A domain tenant command as the CommandBus command whose handler runs it: the one way tenant events are written. */
export function tenantBusCommand(command: TenantCommand, metadata: CommandMetadata): Command<WriteResult> {
  const { type, ...fields } = command;
  const BusCommand = BUS_COMMANDS[type] as BusCommandClass<TenantCommand>;
  return new BusCommand({ command: fields, metadata });
}
