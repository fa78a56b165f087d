import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../../shared/command-result';
import type { UpdateUserInput } from '../update-user';

/**
 * PATCH /Users/{id}. Pass `resource` as a function of the current resource
 * (`(current) => applyPatch(current, ops)` from libs/scim): the handler applies it to the state it
 * read, and again after a lost race, so a concurrent write is never overwritten. A precomputed
 * resource works too, but then only If-Match protects against a lost update.
 */
export class PatchUserCommand extends Command<WriteResult> {
  constructor(readonly input: UpdateUserInput) {
    super();
  }
}
