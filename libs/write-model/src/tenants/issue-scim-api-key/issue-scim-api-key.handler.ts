import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { runTenantCommand } from '../run-tenant-command';
import { IssueScimApiKeyCommand } from './issue-scim-api-key.command';

@CommandHandler(IssueScimApiKeyCommand)
export class IssueScimApiKeyHandler implements ICommandHandler<IssueScimApiKeyCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input }: IssueScimApiKeyCommand): Promise<WriteResult> {
    return runTenantCommand(this.store, { type: 'IssueScimApiKey', ...input.command }, input.metadata);
  }
}
