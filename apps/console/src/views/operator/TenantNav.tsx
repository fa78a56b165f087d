import { Link } from '../../app/router';

const TABS = [
  { suffix: '', label: 'SCIM settings' },
  { suffix: '/log', label: 'Provisioning log' },
  { suffix: '/auditors', label: 'Auditor credentials' },
];

export function TenantNav({ tenantId, current }: { tenantId: string; current: '' | '/log' | '/auditors' }) {
  const base = `tenants/${encodeURIComponent(tenantId)}`;
  return (
    <nav aria-label="Tenant" className="tabs">
      <Link to="tenants">← All tenants</Link>
      {TABS.map((tab) => (
        <Link key={tab.suffix} to={`${base}${tab.suffix}`} aria-current={tab.suffix === current ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
      <Link to={`parked?tenant=${encodeURIComponent(tenantId)}`}>Parked events</Link>
    </nav>
  );
}
