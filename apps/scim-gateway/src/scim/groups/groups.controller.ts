import { resourceController } from '../shared/resource-controller';
import { GroupEndpoints } from './group-endpoints';

/** RFC 7644 §3: /Groups (roles). */
export class GroupsController extends resourceController({
  endpoint: 'Groups',
  endpoints: GroupEndpoints,
  tag: 'SCIM Groups',
  summaries: {
    list: 'List or filter groups (roles)',
    search: 'Search groups with a SearchRequest body',
    create: 'Create a group (role), optionally with members',
    get: 'Get a group; excludedAttributes=members skips the member list',
    replace: 'Replace a group (PUT); members present replaces the member set',
    patch: 'Modify a group: member adds and removes by id without loading the member list',
    delete: 'Delete a group: the role is revoked from all its members',
  },
}) {}
