import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { runTenantCommand } from '../run-tenant-command';
import { DisableScimCommand } from './disable-scim.command';

@CommandHandler(DisableScimCommand)
export class DisableScimHandler implements ICommandHandler<DisableScimCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input }: DisableScimCommand): Promise<WriteResult> {
    return runTenantCommand(this.store, { type: 'DisableScim', ...input.command }, input.metadata);
  }
}
