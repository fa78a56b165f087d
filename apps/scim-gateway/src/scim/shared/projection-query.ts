import type { IdpProfile } from '@lib/domain';
import { parseAttributeList } from '@lib/scim';
import { idpProfilePolicy } from '../idp-profiles/idp-profile-policy';
import type { Projection } from './resource-renderer';

/**
 * attributes / excludedAttributes from a query string (comma-separated, RFC 7644 §3.4.2.5). Under
 * a profile that accepts them (Entra), a name with a value filter selects the attribute it filters.
 */
export function projectionOf(query: Record<string, unknown>, idpProfile?: IdpProfile): Projection {
  const strip = idpProfile !== undefined && idpProfilePolicy(idpProfile).acceptsValueFiltersInAttributeNames;
  const options = { valueFilters: strip ? ('strip' as const) : ('keep' as const) };
  return {
    attributes: parseAttributeList(query.attributes, options),
    excludedAttributes: parseAttributeList(query.excludedAttributes, options),
  };
}
