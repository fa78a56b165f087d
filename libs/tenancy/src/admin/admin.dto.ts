import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IDP_PROFILES, type IdpProfile } from '@lib/domain';
import { MAX_QUERY_LIMIT } from '../provisioning-log/provisioning-log.repository';
import { MAX_GRACE_SECONDS } from '../tenants/tenant-admin.service';
import { TENANT_ID_PATTERN } from '../tenants/tenant-id';

export class CreateTenantDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  /** Optional; a UUID is generated when absent. */
  @IsOptional()
  @IsString()
  @Matches(TENANT_ID_PATTERN, {
    message: "id must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
  })
  id?: string;
}

export class EnableScimDto {
  @IsIn(IDP_PROFILES, { message: `idpProfile must be one of: ${IDP_PROFILES.join(', ')}` })
  idpProfile!: IdpProfile;
}

export class RotateKeyDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_SECONDS, { message: `graceSeconds must not be greater than ${MAX_GRACE_SECONDS} (24 h)` })
  graceSeconds?: number;
}

export class BasicAuthDto {
  @IsBoolean()
  enabled!: boolean;
}

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export class ProvisioningLogQueryDto {
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date-time' })
  from?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date-time' })
  to?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(599)
  status?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Length(1, 256)
  resourceId?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Length(1, 256)
  userName?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_QUERY_LIMIT)
  limit?: number;
}
