import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TableNames } from '../schema/table-names';

/** Shared columns of a user's multi-valued child row (one per element, `ordinal` = array index). */
abstract class UserChildColumns {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'text' }) userId!: string;
  @PrimaryColumn({ type: 'integer' }) ordinal!: number;
  @Column({ type: 'text', nullable: true }) type!: string | null;
  @Column({ type: 'boolean', nullable: true }) primary!: boolean | null;
}

@Entity({ name: TableNames.userEmails, synchronize: false })
export class ScimUserEmailEntity extends UserChildColumns {
  @Column({ type: 'text', nullable: true }) value!: string | null;
  @Column({ type: 'text', nullable: true }) display!: string | null;
}

@Entity({ name: TableNames.userPhoneNumbers, synchronize: false })
export class ScimUserPhoneNumberEntity extends UserChildColumns {
  @Column({ type: 'text', nullable: true }) value!: string | null;
  @Column({ type: 'text', nullable: true }) display!: string | null;
}

@Entity({ name: TableNames.userAddresses, synchronize: false })
export class ScimUserAddressEntity extends UserChildColumns {
  @Column({ type: 'text', nullable: true }) formatted!: string | null;
  @Column({ name: 'street_address', type: 'text', nullable: true }) streetAddress!: string | null;
  @Column({ type: 'text', nullable: true }) locality!: string | null;
  @Column({ type: 'text', nullable: true }) region!: string | null;
  @Column({ name: 'postal_code', type: 'text', nullable: true }) postalCode!: string | null;
  @Column({ type: 'text', nullable: true }) country!: string | null;
}
