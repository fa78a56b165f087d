import { useState, type FormEvent } from 'react';
import { api, errorText } from '../app/api';
import type { Role, SessionView } from '../app/session';
import { ErrorMessage, Page } from '../ui/page';

/** The token or credential is sent once, over the same origin, and exchanged for an HttpOnly session cookie. */
export function SignIn({ onSignedIn, notice }: { onSignedIn: (session: SessionView) => void; notice?: string }) {
  const [role, setRole] = useState<Role>('operator');
  const [credential, setCredential] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await api<SessionView>(
        'POST',
        '/session',
        role === 'auditor' ? { role, tenantId, credential } : { role, credential },
      );
      setCredential('');
      onSignedIn(session);
    } catch (caught) {
      setError(errorText(caught)); // 401 and 429 carry their own words (which credential; when to try again)
    } finally {
      setBusy(false);
    }
  };
  const label = role === 'operator' ? 'Operator token' : 'Auditor credential';
  return (
    <div className="sign-in">
      <Page title="Sign in to the SCIM console">
        {notice ? <p className="notice">{notice}</p> : null}
        <form onSubmit={(event) => void submit(event)} className="card">
          <fieldset>
            <legend>Sign in as</legend>
            <div className="radio">
              <input
                type="radio"
                id="role-operator"
                name="role"
                value="operator"
                checked={role === 'operator'}
                onChange={() => setRole('operator')}
              />
              <label htmlFor="role-operator">Operator (tenants, SCIM settings, provisioning log)</label>
            </div>
            <div className="radio">
              <input
                type="radio"
                id="role-auditor"
                name="role"
                value="auditor"
                checked={role === 'auditor'}
                onChange={() => setRole('auditor')}
              />
              <label htmlFor="role-auditor">Auditor (read-only, one tenant)</label>
            </div>
          </fieldset>
          {role === 'auditor' && (
            <>
              <label htmlFor="tenant-id">Tenant id</label>
              <input
                id="tenant-id"
                type="text"
                autoComplete="organization"
                spellCheck={false}
                required
                value={tenantId}
                onChange={(event) => setTenantId(event.currentTarget.value)}
              />
            </>
          )}
          <label htmlFor="credential">{label}</label>
          <input
            id="credential"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={credential}
            onChange={(event) => setCredential(event.currentTarget.value)}
            aria-describedby="credential-help"
          />
          <p id="credential-help" className="help">
            {role === 'operator'
              ? 'OPERATOR_TOKEN of the service (the quickstart saves it in .data/operator-token).'
              : 'aud_… as issued by the operator. It is exchanged for a session; the browser does not keep it.'}
          </p>
          <ErrorMessage error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </Page>
    </div>
  );
}
