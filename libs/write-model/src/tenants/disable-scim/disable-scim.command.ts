import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, DisableScim } from '@lib/domain';
import type { WriteResult } from '../../shared/command-result';

/** Delete the SCIM setup: every key stops; users, groups and history stay. */
export class DisableScimCommand extends Command<WriteResult> {
  constructor(readonly input: { command: Omit<DisableScim, 'type'>; metadata: CommandMetadata }) {
    super();
  }
}
