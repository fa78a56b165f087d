import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { runTenantCommand } from '../run-tenant-command';
import { RevokeScimApiKeyCommand } from './revoke-scim-api-key.command';

@CommandHandler(RevokeScimApiKeyCommand)
export class RevokeScimApiKeyHandler implements ICommandHandler<RevokeScimApiKeyCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input }: RevokeScimApiKeyCommand): Promise<WriteResult> {
    return runTenantCommand(this.store, { type: 'RevokeScimApiKey', ...input.command }, input.metadata);
  }
}
