import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { runTenantCommand } from '../run-tenant-command';
import { EnableScimCommand } from './enable-scim.command';

@CommandHandler(EnableScimCommand)
export class EnableScimHandler implements ICommandHandler<EnableScimCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input }: EnableScimCommand): Promise<WriteResult> {
    return runTenantCommand(this.store, { type: 'EnableScim', ...input.command }, input.metadata);
  }
}
