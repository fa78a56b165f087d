import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../shared/command-base';
import type { WriteResult } from '../../shared/command-result';

export interface DeleteGroupInput extends CommandEnvelope {
  groupId: string;
  expectedVersion?: string;
  /** If-Match: the group's ETag (a log position); see ChangeGroupInput. */
  unchangedSince?: number;
}

/** DELETE /Groups/{id}: every membership ends with the group (membership streams stay untouched). */
export class DeleteGroupCommand extends Command<WriteResult> {
  constructor(readonly input: DeleteGroupInput) {
    super();
  }
}
