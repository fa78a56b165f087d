import { useState } from 'react';
import { api } from '../app/api';
import type { Role, SessionView } from '../app/session';
import { Radio, TextField, useSubmit } from '../ui/fields';
import { ErrorMessage, Page } from '../ui/page';

/** The token or credential is sent once, over the same origin, and exchanged for an HttpOnly session cookie. */
export function SignIn({ onSignedIn, notice }: { onSignedIn: (session: SessionView) => void; notice?: string }) {
  const [role, setRole] = useState<Role>('operator');
  const [credential, setCredential] = useState('');
  const [tenantId, setTenantId] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    const session = await api<SessionView>(
      'POST',
      '/session',
      role === 'auditor' ? { role, tenantId, credential } : { role, credential },
    );
    setCredential('');
    onSignedIn(session);
  });
  const roleChoice = (value: Role, label: string) => (
    <Radio
      id={`role-${value}`}
      label={label}
      name="role"
      value={value}
      checked={role === value}
      onChoose={() => setRole(value)}
    />
  );
  return (
    <div className="sign-in">
      <Page title="Sign in to the SCIM console">
        {notice ? <p className="notice">{notice}</p> : null}
        <form onSubmit={submit} className="card">
          <fieldset>
            <legend>Sign in as</legend>
            {roleChoice('operator', 'Operator (tenants, SCIM settings, provisioning log)')}
            {roleChoice('auditor', 'Auditor (read-only, one tenant)')}
          </fieldset>
          {role === 'auditor' && (
            <TextField
              id="tenant-id"
              label="Tenant id"
              type="text"
              autoComplete="organization"
              spellCheck={false}
              required
              value={tenantId}
              onChange={setTenantId}
            />
          )}
          <TextField
            id="credential"
            label={role === 'operator' ? 'Operator token' : 'Auditor credential'}
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={credential}
            onChange={setCredential}
            help={
              role === 'operator'
                ? 'OPERATOR_TOKEN of the service (the quickstart saves it in .data/operator-token).'
                : 'aud_… as issued by the operator. It is exchanged for a session; the browser does not keep it.'
            }
          />
          <ErrorMessage error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </Page>
    </div>
  );
}
