import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../shared/command-result';
import { MembershipHandler } from '../../shared/handler-base';
import { changeGroup } from '../change-group';
import { PatchGroupCommand } from './patch-group.command';

@CommandHandler(PatchGroupCommand)
export class PatchGroupHandler extends MembershipHandler implements ICommandHandler<PatchGroupCommand, WriteResult> {
  execute({ input }: PatchGroupCommand): Promise<WriteResult> {
    return changeGroup(this.store, this.directory, input);
  }
}
