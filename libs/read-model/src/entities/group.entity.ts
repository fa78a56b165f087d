import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CHECKPOINT_TABLE, TableNames } from '../schema/table-names';
import { ResourceColumns } from './resource-columns.entity';

/** `resource` is the group without members: those are rows of ScimGroupMemberEntity. */
@Entity({ name: TableNames.groups, synchronize: false })
export class ScimGroupEntity extends ResourceColumns {
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
}

@Entity({ name: TableNames.groupMembers, synchronize: false })
export class ScimGroupMemberEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @PrimaryColumn({ name: 'group_id', type: 'text' }) groupId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'text' }) userId!: string;
  /** The display the client sent with the add; NULL: computed from the user. */
  @Column({ type: 'text', nullable: true }) display!: string | null;
}

@Entity({ name: CHECKPOINT_TABLE, synchronize: false })
export class ProjectorCheckpointEntity {
  @PrimaryColumn({ type: 'text' }) name!: string;
  @Column({ type: 'bigint' }) position!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'text' }) status!: 'running' | 'failed';
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
}
