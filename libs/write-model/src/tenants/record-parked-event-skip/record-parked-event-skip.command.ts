import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, RecordParkedEventSkip } from '@lib/domain';
import type { WriteResult } from '../../shared/command-result';

/** An operator skips an event a follower parked: recorded on the tenant stream, so the audit log says who and when. */
export class RecordParkedEventSkipCommand extends Command<WriteResult> {
  constructor(readonly input: { command: Omit<RecordParkedEventSkip, 'type'>; metadata: CommandMetadata }) {
    super();
  }
}
