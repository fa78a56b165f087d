import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../../shared/command-result';
import type { ChangeGroupInput } from '../change-group';

/**
 * PATCH /Groups/{id}. The gateway hands over the PatchOp as a `plan` that turns the group as read
 * into: `resource` (the new attributes, when an op touched anything but members) and `members`
 * (`{ add, remove }` netted over the ops, or `{ replaceWith }` for a replace of `members`, `[]`
 * included). The handler plans again after a lost race. A precomputed `resource`/`members` works
 * too, but then only If-Match protects the attributes against a lost update.
 */
export class PatchGroupCommand extends Command<WriteResult> {
  constructor(readonly input: ChangeGroupInput) {
    super();
  }
}
