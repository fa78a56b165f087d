import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { runTenantCommand } from '../run-tenant-command';
import { RecordParkedEventSkipCommand } from './record-parked-event-skip.command';

@CommandHandler(RecordParkedEventSkipCommand)
export class RecordParkedEventSkipHandler implements ICommandHandler<RecordParkedEventSkipCommand, WriteResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input }: RecordParkedEventSkipCommand): Promise<WriteResult> {
    return runTenantCommand(this.store, { type: 'RecordParkedEventSkip', ...input.command }, input.metadata);
  }
}
