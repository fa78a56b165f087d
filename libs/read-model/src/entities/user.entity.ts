import { Column, Entity } from 'typeorm';
import { TableNames } from '../schema/table-names';
import { ResourceColumns } from './resource-columns.entity';

/**
 * TypeORM mapping of the users read model (DDL: schema/read-model-tables.ts, created by the
 * migration). Written only by the projector; the query services read with SQL built from filters.
 */
@Entity({ name: TableNames.users, synchronize: false })
export class ScimUserEntity extends ResourceColumns {
  @Column({ name: 'user_name', type: 'text' }) userName!: string;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  @Column({ name: 'display_name', type: 'text', nullable: true }) displayName!: string | null;
  @Column({ type: 'boolean' }) active!: boolean;
}
