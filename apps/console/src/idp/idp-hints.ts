/**
 * Setup hints per identity provider: where its admin pastes the SCIM base URL and the API key, and
 * what the profile accepts (docs/idp-compatibility.md; the paste locations are summarised in
 * docs/console.md). Menu names move between IdP releases; the field names are the stable part.
 */
export type IdpProfile = 'entra' | 'okta' | 'jumpcloud' | 'google' | 'onelogin' | 'generic';

export interface IdpHint {
  profile: IdpProfile;
  name: string;
  where: string;
  urlField: string;
  keyField: string;
  notes: string[];
}

export const IDP_HINTS: IdpHint[] = [
  {
    profile: 'okta',
    name: 'Okta',
    where:
      'Admin Console → Applications → your app → Provisioning → Integration (enable SCIM provisioning on the ' +
      'General tab first).',
    urlField: 'SCIM connector base URL',
    keyField: 'Authentication Mode "HTTP Header" → Authorization (Bearer)',
    notes: [
      'Set "Unique identifier field for users" to userName, then Test Connector Configuration.',
      'Okta looks a user up with userName eq before each create, sends a password (dropped, never stored) and ' +
        'deactivates instead of deleting.',
      'Group Push creates the roles; membership changes arrive as group PATCHes (answered 204).',
    ],
  },
  {
    profile: 'entra',
    name: 'Microsoft Entra ID',
    where:
      'Entra admin center → Enterprise applications → your app → Provisioning → ' +
      'Provisioning Mode: Automatic → Admin Credentials.',
    urlField: 'Tenant URL',
    keyField: 'Secret Token',
    notes: [
      'Test Connection, then Save and turn provisioning on.',
      'Entra sends "True"/"False" strings, capitalised PATCH ops and filtered paths: accepted under this profile.',
      'The aadOptscim062020 flag (real booleans, no-path replace) works too.',
    ],
  },
  {
    profile: 'jumpcloud',
    name: 'JumpCloud',
    where: 'Admin Portal → SSO Applications → your app → Identity Management → Custom SCIM (SCIM 2.0).',
    urlField: 'Base URL',
    keyField: 'Token Key',
    notes: [
      'Test Connection creates a test user and a test group and deletes both; it can be re-run.',
      'Deprovisioning deactivates (active false) or deletes.',
    ],
  },
  {
    profile: 'google',
    name: 'Google Workspace',
    where: 'Admin console → Apps → Web and mobile apps → your app → Auto-provisioning.',
    urlField: 'Endpoint URL',
    keyField: 'Access token',
    notes: [
      'On save Google probes GET /Users?count=1; a wrong key fails visibly with 401.',
      'Suspend and "removed from scope" deactivate; delete deletes.',
    ],
  },
  {
    profile: 'onelogin',
    name: 'OneLogin',
    where:
      'Administration → Applications → "SCIM Provisioner with SAML (SCIM v2 Enterprise)" → Configuration; then ' +
      'Provisioning → Enable provisioning.',
    urlField: 'SCIM Base URL',
    keyField: 'SCIM Bearer Token',
    notes: [
      'Refresh Entitlements lists the groups (roles) users can be given.',
      'JSON templates with string booleans, id: null and meta are accepted.',
    ],
  },
  {
    profile: 'generic',
    name: 'Any other SCIM 2.0 client (strict)',
    where: "Your client's SCIM or provisioning settings.",
    urlField: 'SCIM base URL',
    keyField: 'Authorization: Bearer <API key>',
    notes: ['Strict RFC 7643/7644: unknown attributes and "True"/"False" strings are refused with 400 invalidValue.'],
  },
];

export function hintFor(profile: string | null | undefined): IdpHint | undefined {
  return IDP_HINTS.find((hint) => hint.profile === profile);
}
