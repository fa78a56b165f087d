import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { MEMBER_DIRECTORY, type MemberDirectory } from '../../shared/tokens';
import { changeGroup } from '../change-group';
import { PatchGroupCommand } from './patch-group.command';

@CommandHandler(PatchGroupCommand)
export class PatchGroupHandler implements ICommandHandler<PatchGroupCommand, WriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MEMBER_DIRECTORY) private readonly directory: MemberDirectory,
  ) {}

  execute({ input }: PatchGroupCommand): Promise<WriteResult> {
    return changeGroup(this.store, this.directory, input);
  }
}
