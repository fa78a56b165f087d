import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, EnableScim } from '@lib/domain';
import type { WriteResult } from '../../shared/command-result';

/** Turn SCIM on with an IdP profile, or switch the profile. */
export class EnableScimCommand extends Command<WriteResult> {
  constructor(readonly input: { command: Omit<EnableScim, 'type'>; metadata: CommandMetadata }) {
    super();
  }
}
