import { ArrayContains, IsArray, IsIn, IsInt, IsOptional, IsString } from 'class-validator';
import { SEARCH_REQUEST_URN } from './urns';

/** POST /.search body (RFC 7644 §3.4.3), with RFC 9865 `cursor`. */
export class SearchRequestDto {
  @IsArray()
  @ArrayContains([SEARCH_REQUEST_URN])
  schemas!: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  attributes?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  excludedAttributes?: string[];

  @IsOptional()
  @IsString()
  filter?: string;

  @IsOptional()
  @IsString()
  sortBy?: string;

  @IsOptional()
  @IsIn(['ascending', 'descending'])
  sortOrder?: 'ascending' | 'descending';

  /** 1-based; RFC 7644 §3.4.2.4: a value below 1 is read as 1, so any integer is accepted. */
  @IsOptional()
  @IsInt()
  startIndex?: number;

  /** RFC 7644 §3.4.2.4: 0 asks for totalResults only; negative is read as 0. */
  @IsOptional()
  @IsInt()
  count?: number;

  /** RFC 9865 cursor pagination; an empty string asks for the first page. */
  @IsOptional()
  @IsString()
  cursor?: string;
}
