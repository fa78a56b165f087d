import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import type { WriteResult } from '../../shared/command-result';
import { MEMBER_DIRECTORY, type MemberDirectory } from '../../shared/tokens';
import { changeGroup } from '../change-group';
import { memberDisplaysOf, memberIdsOf } from '../membership-changes';
import { ReplaceGroupCommand } from './replace-group.command';

@CommandHandler(ReplaceGroupCommand)
export class ReplaceGroupHandler implements ICommandHandler<ReplaceGroupCommand, WriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MEMBER_DIRECTORY) private readonly directory: MemberDirectory,
  ) {}

  execute({ input }: ReplaceGroupCommand): Promise<WriteResult> {
    const { resource, ...rest } = input;
    const members = memberIdsOf(resource);
    const change = members === null ? undefined : { replaceWith: members, displays: memberDisplaysOf(resource) };
    return changeGroup(this.store, this.directory, { ...rest, resource, members: change });
  }
}
