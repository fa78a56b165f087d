export type { ScimErrorBody, ScimType } from './scim-error';
export { isScimError, ScimError } from './scim-error';
export * from './scim-errors';
