import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../shared/command-result';
import { EventStoreHandler } from '../../shared/handler-base';
import { updateUser } from '../update-user';
import { ReplaceUserCommand } from './replace-user.command';

@CommandHandler(ReplaceUserCommand)
export class ReplaceUserHandler extends EventStoreHandler implements ICommandHandler<ReplaceUserCommand, WriteResult> {
  execute({ input }: ReplaceUserCommand): Promise<WriteResult> {
    return updateUser(this.store, input);
  }
}
