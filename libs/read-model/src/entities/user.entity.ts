import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TableNames } from '../schema/table-names';

/**
 * TypeORM mapping of the users read model (DDL: schema/read-model-ddl.ts, created by the
 * migration). Written only by the projector; the query services read with SQL built from filters.
 */
@Entity({ name: TableNames.users, synchronize: false })
export class ScimUserEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'user_name', type: 'text' }) userName!: string;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  @Column({ name: 'display_name', type: 'text', nullable: true }) displayName!: string | null;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'jsonb' }) resource!: Record<string, unknown>;
  @Column({ type: 'text' }) version!: string;
  @Column({ name: 'stream_revision', type: 'integer' }) streamRevision!: number;
  @Column({ type: 'timestamptz' }) created!: Date;
  @Column({ name: 'last_modified', type: 'timestamptz' }) lastModified!: Date;
}
