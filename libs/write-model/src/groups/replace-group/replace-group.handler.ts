import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../shared/command-result';
import { MembershipHandler } from '../../shared/handler-base';
import { changeGroup } from '../change-group';
import { memberDisplaysOf, memberIdsOf } from '../membership-changes';
import { ReplaceGroupCommand } from './replace-group.command';

@CommandHandler(ReplaceGroupCommand)
export class ReplaceGroupHandler
  extends MembershipHandler
  implements ICommandHandler<ReplaceGroupCommand, WriteResult>
{
  execute({ input }: ReplaceGroupCommand): Promise<WriteResult> {
    const { resource, ...rest } = input;
    const members = memberIdsOf(resource);
    const change = members === null ? undefined : { replaceWith: members, displays: memberDisplaysOf(resource) };
    return changeGroup(this.store, this.directory, { ...rest, resource, members: change });
  }
}
