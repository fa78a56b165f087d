import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../../shared/command-result';
import type { UpdateUserInput } from '../update-user';

/**
 * PATCH /Users/{id}. The gateway applies the PatchOp to the resource it read (libs/scim) and sends
 * the result; pass that read's version as `expectedVersion` when the client sent no If-Match too,
 * so that a concurrent change between the gateway's read and this command is a conflict to redo,
 * not a lost update.
 */
export class PatchUserCommand extends Command<WriteResult> {
  constructor(readonly input: UpdateUserInput) {
    super();
  }
}
