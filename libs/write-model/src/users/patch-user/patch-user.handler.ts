import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../shared/command-result';
import { EventStoreHandler } from '../../shared/handler-base';
import { updateUser } from '../update-user';
import { PatchUserCommand } from './patch-user.command';

@CommandHandler(PatchUserCommand)
export class PatchUserHandler extends EventStoreHandler implements ICommandHandler<PatchUserCommand, WriteResult> {
  execute({ input }: PatchUserCommand): Promise<WriteResult> {
    return updateUser(this.store, input);
  }
}
