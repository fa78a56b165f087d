import { useCallback, useMemo, useState } from 'react';
import { api } from '../../app/api';
import { Link, navigate } from '../../app/router';
import { TextField, useSubmit } from '../../ui/fields';
import { ErrorMessage, Page, plural, StatusMessage, Time } from '../../ui/page';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-api';
import type { TenantSummary } from './types';

export function Tenants() {
  const [tenants, setTenants] = useState<TenantSummary[]>();
  const [search, setSearch] = useState('');
  const { error } = useLoad(
    useCallback(async () => setTenants((await api<{ tenants: TenantSummary[] }>('GET', '/admin/tenants')).tenants), []),
  );
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
        <Table caption="Tenants" columns={['Name', 'Id', 'SCIM', 'Identity provider', 'Created']}>
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
        </Table>
      </section>
    </Page>
  );
}

function CreateTenant() {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    const created = await api<TenantSummary>('POST', '/admin/tenants', {
      name: name.trim(),
      ...(id.trim() ? { id: id.trim() } : {}),
    });
    navigate(`tenants/${encodeURIComponent(created.tenantId)}`);
  });
  return (
    <section aria-labelledby="create-title" className="card">
      <h2 id="create-title">Create a tenant</h2>
      <form onSubmit={submit} className="grid-form">
        <TextField id="tenant-name" label="Name" required maxLength={200} value={name} onChange={setName} />
        <TextField
          id="tenant-id"
          label="Id (optional)"
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
          value={id}
          onChange={setId}
          spellCheck={false}
          help='Part of the SCIM URL. Letters, digits, ".", "_" or "-"; a UUID is generated when empty.'
        />
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
