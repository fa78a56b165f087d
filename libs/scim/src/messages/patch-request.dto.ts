// class-transformer's @Type reads design-time metadata, so the polyfill must be loaded.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayContains, ArrayMinSize, IsArray, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { PATCH_OP_URN } from './urns';

/** One PATCH operation (RFC 7644 §3.5.2). `op` in any case: Entra sends "Replace". */
export class PatchOperationDto {
  @IsString()
  @Matches(/^\s*(add|remove|replace)\s*$/i, { message: 'op must be add, remove or replace' })
  op!: string;

  @IsOptional()
  @IsString()
  path?: string;

  @IsOptional()
  value?: unknown;
}

/** PatchOp request body (RFC 7644 §3.5.2). */
export class PatchRequestDto {
  @IsArray()
  @ArrayContains([PATCH_OP_URN])
  schemas!: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PatchOperationDto)
  Operations!: PatchOperationDto[];
}
