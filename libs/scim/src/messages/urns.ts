/** Schema URNs of RFC 7643 §8.7 and message URNs of RFC 7644 §3. */
export const SCHEMA_URNS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
} as const;

export const USER_SCHEMA_URN = SCHEMA_URNS.user;
export const GROUP_SCHEMA_URN = SCHEMA_URNS.group;
export const ENTERPRISE_USER_SCHEMA_URN = SCHEMA_URNS.enterpriseUser;

export const MESSAGE_URNS = {
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  searchRequest: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  bulkRequest: 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  bulkResponse: 'urn:ietf:params:scim:api:messages:2.0:BulkResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

export const LIST_RESPONSE_URN = MESSAGE_URNS.listResponse;
export const PATCH_OP_URN = MESSAGE_URNS.patchOp;
export const SEARCH_REQUEST_URN = MESSAGE_URNS.searchRequest;
export const BULK_REQUEST_URN = MESSAGE_URNS.bulkRequest;
export const BULK_RESPONSE_URN = MESSAGE_URNS.bulkResponse;
export const SCIM_ERROR_URN = MESSAGE_URNS.error;
