import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../shared/command-base';
import type { WriteResult } from '../../shared/command-result';

export interface DeleteUserInput extends CommandEnvelope {
  userId: string;
  expectedVersion?: string;
}

/** DELETE /Users/{id}: 404 afterwards; the user's history stays and its userName is free again. */
export class DeleteUserCommand extends Command<WriteResult> {
  constructor(readonly input: DeleteUserInput) {
    super();
  }
}
