import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../shared/command-base';
import type { WriteResult } from '../../shared/command-result';

export interface EraseUserInput extends CommandEnvelope {
  userId: string;
}

/**
 * Right to erasure, for a user that exists or was deleted: deletes it if it still exists (its
 * access ends, its userName is free), appends UserErased, then destroys its data key. Repeating
 * it finishes an erasure whose key destruction failed, and otherwise changes nothing.
 */
export class EraseUserCommand extends Command<WriteResult> {
  constructor(readonly input: EraseUserInput) {
    super();
  }
}
