export * from './urns';
export type { ListResponse } from './list-response';
export { listResponse } from './list-response';
