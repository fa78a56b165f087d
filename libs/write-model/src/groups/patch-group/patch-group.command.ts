import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../../shared/command-result';
import type { ChangeGroupInput } from '../change-group';

/**
 * PATCH /Groups/{id}. The gateway turns the PatchOp into: `resource` (the new attributes, when an
 * op touched anything but members) and `members` (`{ add, remove }` netted over the ops, or
 * `{ replaceWith }` for a replace of `members`, `[]` included).
 */
export class PatchGroupCommand extends Command<WriteResult> {
  constructor(readonly input: ChangeGroupInput) {
    super();
  }
}
