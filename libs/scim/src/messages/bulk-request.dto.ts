// class-transformer's @Type reads design-time metadata, so the polyfill must be loaded.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayContains,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { BULK_REQUEST_URN } from './urns';

/** One Bulk operation (RFC 7644 §3.7). */
export class BulkOperationDto {
  @IsString()
  @Matches(/^(POST|PUT|PATCH|DELETE)$/i, { message: 'method must be POST, PUT, PATCH or DELETE' })
  method!: string;

  /** Required for POST; other operations reference it as "bulkId:<id>". */
  @IsOptional()
  @IsString()
  bulkId?: string;

  @IsOptional()
  @IsString()
  version?: string;

  @IsString()
  path!: string;

  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

/** BulkRequest body (RFC 7644 §3.7). */
export class BulkRequestDto {
  @IsArray()
  @ArrayContains([BULK_REQUEST_URN])
  schemas!: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  failOnErrors?: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BulkOperationDto)
  Operations!: BulkOperationDto[];
}

/** One BulkResponse operation result (RFC 7644 §3.7.3). */
export interface BulkOperationResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: unknown;
}

export interface BulkResponse {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'];
  Operations: BulkOperationResult[];
}
