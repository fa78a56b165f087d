import { ProjectorCheckpointEntity, ScimGroupEntity, ScimGroupMemberEntity } from './group.entity';
import { ScimUserAddressEntity, ScimUserEmailEntity, ScimUserPhoneNumberEntity } from './user-children.entity';
import { ScimUserEntity } from './user.entity';

export {
  ProjectorCheckpointEntity,
  ScimGroupEntity,
  ScimGroupMemberEntity,
  ScimUserAddressEntity,
  ScimUserEmailEntity,
  ScimUserPhoneNumberEntity,
  ScimUserEntity,
};

/** Every read-model entity, for a TypeORM DataSource's `entities`. */
export const readModelEntities = [
  ScimUserEntity,
  ScimUserEmailEntity,
  ScimUserPhoneNumberEntity,
  ScimUserAddressEntity,
  ScimGroupEntity,
  ScimGroupMemberEntity,
  ProjectorCheckpointEntity,
];
