import { Command } from '@nestjs/cqrs';
import type { JsonObject } from '@lib/domain';
import type { CommandEnvelope } from '../../shared/command-base';
import type { WriteResult } from '../../shared/command-result';

export interface ReplaceGroupInput extends CommandEnvelope {
  groupId: string;
  /**
   * The new full resource. `members` present (even `[]`) replaces the member set; absent leaves
   * memberships as they are (an IdP that PUTs attributes only must not wipe a large group).
   */
  resource: JsonObject;
  expectedVersion?: string;
  /** If-Match: the group's ETag (a log position); see ChangeGroupInput. */
  unchangedSince?: number;
}

/** PUT /Groups/{id}. */
export class ReplaceGroupCommand extends Command<WriteResult> {
  constructor(readonly input: ReplaceGroupInput) {
    super();
  }
}
