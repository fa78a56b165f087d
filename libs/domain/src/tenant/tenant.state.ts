import type { IdpProfile, TenantEvent } from '../events/tenant-events';

export interface ApiKeyState {
  keyHash: string;
  createdAt: string;
  /** When it stops (or stopped) working; null while valid with no end. */
  revokedAt: string | null;
}

export type TenantState =
  | { status: 'absent' }
  | {
      status: 'created';
      tenantId: string;
      name: string;
      scimEnabled: boolean;
      idpProfile: IdpProfile | null;
      basicAuthEnabled: boolean;
      keys: Record<string, ApiKeyState>;
    };

export const initialTenantState: TenantState = { status: 'absent' };

export function evolveTenant(state: TenantState, event: TenantEvent): TenantState {
  if (event.type === 'TenantCreated') {
    return {
      status: 'created',
      tenantId: event.data.tenantId,
      name: event.data.name,
      scimEnabled: false,
      idpProfile: null,
      basicAuthEnabled: false,
      keys: {},
    };
  }
  if (state.status !== 'created') return state;
  switch (event.type) {
    case 'ScimEnabled':
      return { ...state, scimEnabled: true, idpProfile: event.data.idpProfile };
    case 'ScimDisabled':
      return { ...state, scimEnabled: false };
    case 'ScimApiKeyIssued':
      return {
        ...state,
        keys: {
          ...state.keys,
          [event.data.keyId]: { keyHash: event.data.keyHash, createdAt: event.data.createdAt, revokedAt: null },
        },
      };
    case 'ScimApiKeyRevoked': {
      const key = state.keys[event.data.keyId];
      return key
        ? { ...state, keys: { ...state.keys, [event.data.keyId]: { ...key, revokedAt: event.data.effectiveAt } } }
        : state;
    }
    case 'BasicAuthToggled':
      return { ...state, basicAuthEnabled: event.data.enabled };
    case 'ParkedEventSkipped':
      return state;
  }
}

/** Keys not revoked, or revoked with an effective instant still ahead of `at` (rotation grace). */
export function validKeyIds(state: TenantState, at: string): string[] {
  if (state.status !== 'created' || !state.scimEnabled) return [];
  return Object.entries(state.keys)
    .filter(([, key]) => key.revokedAt === null || Date.parse(key.revokedAt) > Date.parse(at))
    .map(([keyId]) => keyId);
}
