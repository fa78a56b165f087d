import { useEffect, useState } from 'react';
import { AccessAt } from '../views/auditor/AccessAt';
import { ChainStatus } from '../views/auditor/ChainStatus';
import { RoleHistory } from '../views/auditor/RoleHistory';
import { UserTimeline } from '../views/auditor/UserTimeline';
import { Auditors } from '../views/operator/Auditors';
import { ParkedEvents } from '../views/operator/ParkedEvents';
import { ProvisioningLog } from '../views/operator/ProvisioningLog';
import { Tenants } from '../views/operator/Tenants';
import { TenantScim } from '../views/operator/TenantScim';
import { SignIn } from '../views/SignIn';
import { api, setCsrfToken, whenSessionEnds } from './api';
import { Link, match, navigate, usePath } from './router';
import type { SessionView } from './session';

const OPERATOR_NAV = [
  { to: 'tenants', label: 'Tenants' },
  { to: 'parked', label: 'Parked events' },
];
const AUDITOR_NAV = [
  { to: 'audit/access', label: 'Who had access' },
  { to: 'audit/timeline', label: 'User timeline' },
  { to: 'audit/roles', label: 'Role history' },
  { to: 'audit/verify', label: 'Integrity' },
];

export function App() {
  const [session, setSession] = useState<SessionView | null>();
  const [notice, setNotice] = useState<string>();
  const { path, search } = usePath();

  useEffect(() => {
    whenSessionEnds(() => {
      setSession(null);
      setNotice(
        'Your session has ended (signed out, idle for too long, or its credential was revoked). Sign in again.',
      );
    });
    api<SessionView>('GET', '/session')
      .then(adopt)
      .catch(() => setSession(null)); // 401: not signed in; anything else: the sign-in page says what fails next
  }, []);

  const adopt = (view: SessionView) => {
    setCsrfToken(view.csrfToken);
    setNotice(undefined);
    setSession(view);
  };
  const signOut = async () => {
    try {
      await api('DELETE', '/session');
    } finally {
      setCsrfToken('');
      setSession(null);
      setNotice('You are signed out.');
      navigate('', { replace: true });
    }
  };

  if (session === undefined) return <p className="loading">Loading…</p>;
  if (session === null) {
    return (
      <main id="main">
        <SignIn
          notice={notice}
          onSignedIn={(view) => {
            adopt(view);
            // A deep link (e.g. a tenant's log) opens after sign-in; otherwise the role's first view.
            const wanted = path !== '' && path.startsWith('audit/') === (view.role === 'auditor');
            if (!wanted) navigate(view.role === 'operator' ? 'tenants' : 'audit/access', { replace: true });
          }}
        />
      </main>
    );
  }
  const nav = session.role === 'operator' ? OPERATOR_NAV : AUDITOR_NAV;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <p className="brand">SCIM console</p>
        <nav aria-label="Main">
          {nav.map((item) => (
            <Link
              key={item.to}
              to={item.to}
              aria-current={path === item.to || path.startsWith(`${item.to}/`) ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <p className="who">
          {session.role === 'operator' ? 'Operator' : `Auditor of ${session.tenantId}`}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </p>
      </header>
      <main id="main">{route(session, path, search)}</main>
    </>
  );
}

function route(session: SessionView, path: string, search: URLSearchParams) {
  if (session.role === 'auditor') {
    if (path === 'audit/timeline') return <UserTimeline userId={search.get('user') ?? undefined} />;
    if (path === 'audit/roles') return <RoleHistory />;
    if (path === 'audit/verify') return <ChainStatus />;
    return <AccessAt />;
  }
  const tenant = match('tenants/:id', path);
  if (tenant) return <TenantScim key={tenant.id} tenantId={tenant.id!} />;
  const log = match('tenants/:id/log', path);
  if (log) return <ProvisioningLog key={log.id} tenantId={log.id!} />;
  const auditors = match('tenants/:id/auditors', path);
  if (auditors) return <Auditors key={auditors.id} tenantId={auditors.id!} />;
  if (path === 'parked') return <ParkedEvents initialTenant={search.get('tenant') ?? undefined} />;
  return <Tenants />;
}
