import { useCallback, useState } from 'react';
import { api } from '../../app/api';
import { hintFor, IDP_HINTS, type IdpProfile } from '../../idp/idp-hints';
import { Checkbox, Radio, Select } from '../../ui/fields';
import { ErrorMessage, Page, StatusMessage, Time } from '../../ui/page';
import { SecretOnce } from '../../ui/secret-once';
import { ACTIONS_COLUMN, Table, TwoStepAction } from '../../ui/table';
import { TypedConfirm } from '../../ui/typed-confirm';
import { useActions, useLoad } from '../../ui/use-api';
import { TenantNav } from './TenantNav';
import type { KeyInfo, RotatedKey, ScimSetup, TenantDetails } from './types';

const path = (tenantId: string, rest = '') => `/admin/tenants/${encodeURIComponent(tenantId)}${rest}`;

/**
 * A tenant's SCIM settings page: the IdP and its setup hints, the key shown once, rotation,
 * revocation, Basic auth, deletion.
 */
export function TenantScim({ tenantId }: { tenantId: string }) {
  const [tenant, setTenant] = useState<TenantDetails>();
  const [keys, setKeys] = useState<KeyInfo[]>([]);
  const [secret, setSecret] = useState<{ label: string; value: string }>();
  const [loads, setLoads] = useState(0);
  const loaded = useLoad(
    useCallback(async () => {
      setTenant(await api<TenantDetails>('GET', path(tenantId)));
      setLoads((n) => n + 1);
      setKeys((await api<{ keys: KeyInfo[] }>('GET', path(tenantId, '/scim/keys'))).keys);
    }, [tenantId]),
  );
  const { status, run } = useActions(loaded);
  return (
    <Page title={tenant ? `${tenant.name}: SCIM settings` : 'SCIM settings'}>
      <TenantNav tenantId={tenantId} current="" />
      <ErrorMessage error={loaded.error} />
      <StatusMessage message={status} />
      {secret ? <SecretOnce label={secret.label} value={secret.value} onDone={() => setSecret(undefined)} /> : null}
      {tenant ? (
        <>
          <Endpoint tenant={tenant} />
          <IdpPicker
            tenant={tenant}
            onSave={(profile) =>
              run(async () => {
                const setup = await api<ScimSetup>('PUT', path(tenantId, '/scim'), { idpProfile: profile });
                if (setup.apiKey) setSecret({ label: 'SCIM API key', value: setup.apiKey });
                return setup.apiKey
                  ? `SCIM is on for ${hintFor(profile)?.name ?? profile}. Copy the key below.`
                  : `Identity provider set to ${hintFor(profile)?.name ?? profile}.`;
              })
            }
          />
          {tenant.scimEnabled ? (
            <>
              <Keys
                keys={keys}
                onRotate={(graceSeconds) =>
                  run(async () => {
                    const rotated = await api<RotatedKey>('POST', path(tenantId, '/scim/keys/rotate'), {
                      graceSeconds,
                    });
                    setSecret({ label: 'SCIM API key', value: rotated.apiKey });
                    return graceSeconds
                      ? `New key issued; the old keys keep working for ${graceSeconds} s.`
                      : 'New key issued; the old keys stopped working now.';
                  })
                }
                onRevoke={(keyId) =>
                  run(async () => {
                    await api('DELETE', path(tenantId, `/scim/keys/${encodeURIComponent(keyId)}`));
                    return `Key ${keyId} revoked.`;
                  })
                }
              />
              <BasicAuth
                key={loads}
                tenant={tenant}
                onChange={(enabled) =>
                  run(async () => {
                    const answer = await api<{ warning?: string }>('PUT', path(tenantId, '/scim/basic-auth'), {
                      enabled,
                    });
                    return enabled ? `HTTP Basic is on. ${answer.warning ?? ''}` : 'HTTP Basic is off.';
                  })
                }
              />
              <section aria-labelledby="delete-title" className="card">
                <h2 id="delete-title">Delete the SCIM setup</h2>
                <p>
                  Every key stops working at once. Users, roles and their history stay; enabling SCIM again issues a new
                  key.
                </p>
                <TypedConfirm
                  expected={tenant.tenantId}
                  prompt="This cannot be undone."
                  action="Delete SCIM setup"
                  onConfirm={() =>
                    void run(async () => {
                      await api('DELETE', path(tenantId, '/scim'));
                      return 'The SCIM setup is deleted; every key stopped working.';
                    })
                  }
                />
              </section>
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function Endpoint({ tenant }: { tenant: TenantDetails }) {
  return (
    <section aria-labelledby="endpoint-title" className="card">
      <h2 id="endpoint-title">SCIM endpoint</h2>
      <label htmlFor="scim-base-url">SCIM base URL</label>
      <input
        id="scim-base-url"
        className="mono"
        readOnly
        value={tenant.scimBaseUrl}
        onFocus={(event) => event.currentTarget.select()}
      />
      <p className="help">
        SCIM is <strong>{tenant.scimEnabled ? 'enabled' : 'not enabled'}</strong>
        {tenant.scimEnabled && tenant.idpProfile ? ` for ${hintFor(tenant.idpProfile)?.name ?? tenant.idpProfile}` : ''}
        .
      </p>
    </section>
  );
}

function IdpPicker({ tenant, onSave }: { tenant: TenantDetails; onSave: (profile: IdpProfile) => Promise<void> }) {
  const [profile, setProfile] = useState<IdpProfile>((tenant.idpProfile as IdpProfile | null) ?? 'okta');
  const [busy, setBusy] = useState(false);
  const hint = hintFor(profile)!;
  const save = async () => {
    setBusy(true);
    await onSave(profile);
    setBusy(false);
  };
  return (
    <section aria-labelledby="idp-title" className="card">
      <h2 id="idp-title">Identity provider</h2>
      <fieldset>
        <legend>Which identity provider provisions this tenant?</legend>
        <div className="radio-grid">
          {IDP_HINTS.map((h) => (
            <Radio
              key={h.profile}
              id={`idp-${h.profile}`}
              label={h.name}
              name="idp"
              value={h.profile}
              checked={profile === h.profile}
              onChoose={() => setProfile(h.profile)}
            />
          ))}
        </div>
      </fieldset>
      <div className="hint" aria-live="polite">
        <h3>Setting up {hint.name}</h3>
        <p>{hint.where}</p>
        <dl>
          <dt>Paste the SCIM base URL into</dt>
          <dd>{hint.urlField}</dd>
          <dt>Paste the API key into</dt>
          <dd>{hint.keyField}</dd>
        </dl>
        <ul>
          {hint.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
        {tenant.scimEnabled ? 'Save identity provider' : `Enable SCIM for ${hint.name}`}
      </button>
    </section>
  );
}

const GRACE_CHOICES = [
  { value: 0, label: 'none: old keys stop now' },
  { value: 300, label: '5 minutes' },
  { value: 3600, label: '1 hour' },
  { value: 86400, label: '24 hours (the longest)' },
];

function Keys({
  keys,
  onRotate,
  onRevoke,
}: {
  keys: KeyInfo[];
  onRotate: (graceSeconds: number) => Promise<void>;
  onRevoke: (keyId: string) => Promise<void>;
}) {
  const [grace, setGrace] = useState(300);
  const [confirming, setConfirming] = useState<string>();
  return (
    <section aria-labelledby="keys-title" className="card">
      <h2 id="keys-title">API keys</h2>
      <p className="help">Keys are shown once when issued. The list shows ids only, never a secret.</p>
      <Table
        caption="API keys"
        columns={['Key id', 'Created', 'Last used', 'Status', 'Stops / stopped', ACTIONS_COLUMN]}
      >
        {keys.map((key) => (
          <tr key={key.keyId}>
            <td className="mono">{key.keyId}</td>
            <td>
              <Time iso={key.createdAt} />
            </td>
            <td>
              <Time iso={key.lastUsedAt} />
            </td>
            <td>{key.status}</td>
            <td>
              <Time iso={key.revokedAt} />
            </td>
            <td>
              {key.status === 'revoked' ? null : (
                <TwoStepAction
                  action="Revoke"
                  name={`Revoke key ${key.keyId}`}
                  confirmLabel={`Revoke ${key.keyId} now`}
                  confirming={confirming === key.keyId}
                  onAsk={() => setConfirming(key.keyId)}
                  onConfirm={() => void onRevoke(key.keyId).then(() => setConfirming(undefined))}
                  onCancel={() => setConfirming(undefined)}
                />
              )}
            </td>
          </tr>
        ))}
      </Table>
      <h3>Rotate</h3>
      <p className="help">
        A new key is issued; the current keys stop after the grace period, so the IdP can be updated without a gap.
      </p>
      <div className="row">
        <label htmlFor="grace">Grace period</label>
        <Select id="grace" value={grace} choices={GRACE_CHOICES} onChange={(value) => setGrace(Number(value))} />
        <button type="button" className="primary" onClick={() => void onRotate(grace)}>
          Rotate key
        </button>
      </div>
    </section>
  );
}

function BasicAuth({ tenant, onChange }: { tenant: TenantDetails; onChange: (enabled: boolean) => Promise<void> }) {
  // Shown as asked at once; the page reloads the tenant after the change and remounts this with the saved state.
  const [checked, setChecked] = useState(tenant.basicAuthEnabled);
  const change = (enabled: boolean) => {
    setChecked(enabled);
    void onChange(enabled);
  };
  return (
    <section aria-labelledby="basic-title" className="card">
      <h2 id="basic-title">HTTP Basic authentication</h2>
      <p className="warning" id="basic-warning">
        For test instances only. Some IdP test connectors need it, but Basic credentials end up in proxy and tool logs
        far more often than bearer tokens. Do not turn it on in production.
      </p>
      <Checkbox
        id="basic-auth"
        label="Accept HTTP Basic (user name: the tenant id; password: an API key)"
        checked={checked}
        aria-describedby="basic-warning"
        onChange={change}
      />
    </section>
  );
}
