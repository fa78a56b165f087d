import { Column, PrimaryColumn } from 'typeorm';

/** Columns the users and the groups table share: the key, the served resource and its bookkeeping. */
export abstract class ResourceColumns {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'jsonb' }) resource!: Record<string, unknown>;
  @Column({ type: 'text' }) version!: string;
  @Column({ name: 'stream_revision', type: 'integer' }) streamRevision!: number;
  @Column({ type: 'timestamptz' }) created!: Date;
  @Column({ name: 'last_modified', type: 'timestamptz' }) lastModified!: Date;
}
