import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, ToggleBasicAuth } from '@lib/domain';
import type { WriteResult } from '../../shared/command-result';

/** Accept HTTP Basic for this tenant (test instances) or stop accepting it. */
export class ToggleBasicAuthCommand extends Command<WriteResult> {
  constructor(readonly input: { command: Omit<ToggleBasicAuth, 'type'>; metadata: CommandMetadata }) {
    super();
  }
}
