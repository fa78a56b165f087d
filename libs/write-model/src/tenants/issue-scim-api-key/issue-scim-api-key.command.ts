import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, IssueScimApiKey } from '@lib/domain';
import type { WriteResult } from '../../shared/command-result';

/**
 * Issue a key by its hash (the caller shows the secret once); with `rotation`, the other keys end after the grace
 * period.
 */
export class IssueScimApiKeyCommand extends Command<WriteResult> {
  constructor(readonly input: { command: Omit<IssueScimApiKey, 'type'>; metadata: CommandMetadata }) {
    super();
  }
}
