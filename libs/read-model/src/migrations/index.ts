import { CreateReadModelsV11731000000000 } from './1731000000000-create-read-models-v1';
import { ReadModelsV21765200000000 } from './1765200000000-read-models-v2';
import { GroupMemberDisplay1765600000000 } from './1765600000000-group-member-display';
import { DropUserChildForeignKeys1765900000000 } from './1765900000000-drop-user-child-foreign-keys';

export {
  CreateReadModelsV11731000000000,
  DropUserChildForeignKeys1765900000000,
  GroupMemberDisplay1765600000000,
  ReadModelsV21765200000000,
};

/** The read model's migrations, in order; composed into `allMigrations` by libs/platform. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const readModelMigrations: Function[] = [
  CreateReadModelsV11731000000000,
  ReadModelsV21765200000000,
  GroupMemberDisplay1765600000000,
  DropUserChildForeignKeys1765900000000,
];
