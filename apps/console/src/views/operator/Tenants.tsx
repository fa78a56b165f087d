import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, errorText } from '../../app/api';
import { Link, navigate } from '../../app/router';
import { ErrorMessage, Page, plural, StatusMessage, Time } from '../../ui/page';
import type { TenantSummary } from './types';

export function Tenants() {
  const [tenants, setTenants] = useState<TenantSummary[]>();
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      setTenants((await api<{ tenants: TenantSummary[] }>('GET', '/admin/tenants')).tenants);
      setError(undefined);
    } catch (caught) {
      setError(errorText(caught));
    }
  }, []);
  useEffect(() => void load(), [load]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (tenants ?? []).filter(
      (t) => !needle || t.tenantId.toLowerCase().includes(needle) || t.name.toLowerCase().includes(needle),
    );
  }, [tenants, search]);
  return (
    <Page
      title="Tenants"
      intro="Each tenant is one customer organisation with its own SCIM endpoint, keys, users and roles."
    >
      <CreateTenant />
      <section aria-labelledby="list-title">
        <h2 id="list-title">All tenants</h2>
        <label htmlFor="tenant-search">Search by name or id</label>
        <input
          id="tenant-search"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <ErrorMessage error={error} />
        <StatusMessage
          message={tenants ? `${shown.length} of ${plural(tenants.length, 'tenant')} shown.` : 'Loading tenants…'}
        />
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Tenants</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Id</th>
                <th scope="col">SCIM</th>
                <th scope="col">Identity provider</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((tenant) => (
                <tr key={tenant.tenantId}>
                  <td>
                    <Link to={`tenants/${encodeURIComponent(tenant.tenantId)}`}>{tenant.name}</Link>
                  </td>
                  <td className="mono">{tenant.tenantId}</td>
                  <td>{tenant.scimEnabled ? 'enabled' : 'off'}</td>
                  <td>{tenant.idpProfile ?? '–'}</td>
                  <td>
                    <Time iso={tenant.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>
  );
}

function CreateTenant() {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api<TenantSummary>('POST', '/admin/tenants', {
        name: name.trim(),
        ...(id.trim() ? { id: id.trim() } : {}),
      });
      navigate(`tenants/${encodeURIComponent(created.tenantId)}`);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="create-title" className="card">
      <h2 id="create-title">Create a tenant</h2>
      <form onSubmit={(event) => void submit(event)} className="grid-form">
        <div>
          <label htmlFor="tenant-name">Name</label>
          <input
            id="tenant-name"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
        </div>
        <div>
          <label htmlFor="tenant-id">Id (optional)</label>
          <input
            id="tenant-id"
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
            value={id}
            onChange={(event) => setId(event.currentTarget.value)}
            aria-describedby="tenant-id-help"
            spellCheck={false}
          />
          <p id="tenant-id-help" className="help">
            Part of the SCIM URL. Letters, digits, ".", "_" or "-"; a UUID is generated when empty.
          </p>
        </div>
        <ErrorMessage error={error} />
        <div>
          <button type="submit" className="primary" disabled={busy}>
            Create tenant
          </button>
        </div>
      </form>
    </section>
  );
}
