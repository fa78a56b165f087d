import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { runTenantCommand } from '../run-tenant-command';
import { ToggleBasicAuthCommand } from './toggle-basic-auth.command';

@CommandHandler(ToggleBasicAuthCommand)
export class ToggleBasicAuthHandler implements ICommandHandler<ToggleBasicAuthCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input }: ToggleBasicAuthCommand): Promise<WriteResult> {
    return runTenantCommand(this.store, { type: 'ToggleBasicAuth', ...input.command }, input.metadata);
  }
}
