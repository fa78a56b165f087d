import { ArrayContains, IsArray, IsInt, IsObject, IsOptional, IsString, Min } from 'class-validator';
import { LIST_RESPONSE_URN } from './urns';

/** ListResponse (RFC 7644 §3.4.2), e.g. to check responses in contract tests. */
export class ListResponseDto {
  @IsArray()
  @ArrayContains([LIST_RESPONSE_URN])
  schemas!: string[];

  @IsInt()
  @Min(0)
  totalResults!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  startIndex?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  itemsPerPage?: number;

  @IsArray()
  @IsObject({ each: true })
  Resources!: Record<string, unknown>[];

  /** RFC 9865 */
  @IsOptional()
  @IsString()
  nextCursor?: string;

  @IsOptional()
  @IsString()
  previousCursor?: string;
}
