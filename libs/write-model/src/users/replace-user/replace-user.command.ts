import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../../shared/command-result';
import type { UpdateUserInput } from '../update-user';

/** PUT /Users/{id}: `resource` is the new full resource; `active` left out means unchanged. */
export class ReplaceUserCommand extends Command<WriteResult> {
  constructor(readonly input: UpdateUserInput) {
    super();
  }
}
