export * from './urns';
export type { ListResponse } from './list-response';
export { listResponse } from './list-response';
export { PatchOperationDto, PatchRequestDto } from './patch-request.dto';
export { SearchRequestDto } from './search-request.dto';
export { ListResponseDto } from './list-response.dto';
export type { BulkOperationResult, BulkResponse } from './bulk-request.dto';
export { BulkOperationDto, BulkRequestDto } from './bulk-request.dto';
export { validateEnvelope } from './validate-envelope';
