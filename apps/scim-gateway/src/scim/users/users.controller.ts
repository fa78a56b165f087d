import { resourceController } from '../shared/resource-controller';
import { UserEndpoints } from './user-endpoints';

/** RFC 7644 §3: /Users. */
export class UsersController extends resourceController({
  endpoint: 'Users',
  endpoints: UserEndpoints,
  tag: 'SCIM Users',
  summaries: {
    list: 'List or filter users (RFC 7644 §3.4.2): filter, sortBy, sortOrder, startIndex, count, cursor, attributes',
    search: 'Search users with a SearchRequest body (RFC 7644 §3.4.3)',
    create: 'Provision a user (201, Location, ETag); 409 uniqueness on a taken userName',
    get: 'Get a user; If-None-Match gives 304',
    replace: 'Replace a user (PUT); If-Match mismatch gives 412',
    patch:
      'Modify a user with a PatchOp (RFC 7644 §3.5.2): 200 with the user; ' +
      '204 under the Entra profile unless attributes are asked for',
    delete: 'Delete a user (204); history is kept and the userName can be provisioned again',
  },
}) {}
