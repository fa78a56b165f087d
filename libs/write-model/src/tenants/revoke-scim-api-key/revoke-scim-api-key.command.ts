import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, RevokeScimApiKey } from '@lib/domain';
import type { WriteResult } from '../../shared/command-result';

/** Revoke one key at once. */
export class RevokeScimApiKeyCommand extends Command<WriteResult> {
  constructor(readonly input: { command: Omit<RevokeScimApiKey, 'type'>; metadata: CommandMetadata }) {
    super();
  }
}
