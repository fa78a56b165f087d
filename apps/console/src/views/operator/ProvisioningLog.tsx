import { useCallback, useEffect, useRef, useState } from 'react';
import { api, query } from '../../app/api';
import { anyOf, Checkbox, DateTimeField, FilterForm, SelectField, TextField, useDraft } from '../../ui/fields';
import { ErrorMessage, localInputToIso, Page, plural, StatusMessage, Time, zoneLabel } from '../../ui/page';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-api';
// The provisioning log's own row type (a pure file): the admin API answers it as JSON.
import type { ProvisioningLogRow } from '../../../../../libs/tenancy/src/provisioning-log/provisioning-log-entry';
import { TenantNav } from './TenantNav';

const STATUSES = [200, 201, 204, 400, 401, 403, 404, 409, 412, 413, 429, 500, 503];
const REFRESH_EVERY_MS = 5000;

interface Filters {
  status: string;
  userName: string;
  from: string;
  to: string;
  pageSize: number;
}

/**
 * Pages go back in time by keyset: the next page asks for rows before the last one shown (the API's
 * `to` is exclusive, so the boundary millisecond is asked again and rows already shown are dropped).
 */
interface PageCursor {
  to: string | undefined;
  seen: string[];
}

export function ProvisioningLog({ tenantId }: { tenantId: string }) {
  const { draft, setDraft, bind } = useDraft<Filters>({ status: '', userName: '', from: '', to: '', pageSize: 50 });
  const [filters, setFilters] = useState<Filters>(draft);
  const [cursors, setCursors] = useState<PageCursor[]>([{ to: undefined, seen: [] }]);
  const [rows, setRows] = useState<ProvisioningLogRow[]>();
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [refreshedAt, setRefreshedAt] = useState<Date>();
  const cursor = cursors[cursors.length - 1]!;
  const onFirstPage = cursors.length === 1;

  const { load, error } = useLoad(
    useCallback(async () => {
      const to = cursor.to ?? localInputToIso(filters.to);
      const answer = await api<{ entries: ProvisioningLogRow[] }>(
        'GET',
        `/admin/tenants/${encodeURIComponent(tenantId)}/provisioning-log${query({
          status: filters.status,
          userName: filters.userName.trim(),
          from: localInputToIso(filters.from),
          to,
          limit: filters.pageSize + cursor.seen.length,
        })}`,
      );
      setRows(answer.entries.filter((row) => !cursor.seen.includes(row.id)).slice(0, filters.pageSize));
      setRefreshedAt(new Date());
    }, [tenantId, filters, cursor]),
  );
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!autoRefresh || !onFirstPage) return undefined;
    // A hidden tab does not poll; it catches up on its next tick once shown again.
    const timer = window.setInterval(() => void (document.hidden ? undefined : loadRef.current()), REFRESH_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [autoRefresh, onFirstPage]);

  const apply = () => {
    setFilters(draft);
    setCursors([{ to: undefined, seen: [] }]);
  };
  const older = () => {
    const last = rows?.[rows.length - 1];
    if (!last) return;
    const boundary = new Date(new Date(last.at).getTime() + 1).toISOString();
    setCursors([...cursors, { to: boundary, seen: (rows ?? []).filter((r) => r.at === last.at).map((r) => r.id) }]);
  };

  return (
    <Page
      title="Provisioning log"
      intro={
        'Every SCIM request of this tenant: newest first, with its status and, for errors, why. Bodies and keys ' +
        'are never logged.'
      }
    >
      <TenantNav tenantId={tenantId} current="/log" />
      <FilterForm label="Filters" submit="Apply filters" onSubmit={apply}>
        <SelectField id="log-status" label="Status" choices={anyOf(STATUSES)} {...bind('status')} />
        <TextField id="log-user" label="userName" {...bind('userName')} spellCheck={false} />
        <DateTimeField id="log-from" label={`From (${zoneLabel()})`} {...bind('from')} />
        <DateTimeField id="log-to" label={`Before (${zoneLabel()})`} {...bind('to')} />
        <SelectField
          id="log-size"
          label="Rows per page"
          value={draft.pageSize}
          choices={[25, 50, 100, 200].map((n) => ({ value: n, label: String(n) }))}
          onChange={(size) => setDraft({ ...draft, pageSize: Number(size) })}
        />
      </FilterForm>
      <div className="row toolbar">
        <Checkbox
          id="auto-refresh"
          label="Refresh every 5 s (first page)"
          checked={autoRefresh}
          onChange={setAutoRefresh}
        />
        <button type="button" onClick={() => void load()}>
          Refresh now
        </button>
        <button type="button" disabled={onFirstPage} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer
        </button>
        <button type="button" disabled={!rows || rows.length < filters.pageSize} onClick={older}>
          Older
        </button>
      </div>
      <ErrorMessage error={error} />
      <StatusMessage
        message={
          rows
            ? `Page ${cursors.length}: ${plural(rows.length, 'request')}${
                refreshedAt ? `, as of ${refreshedAt.toLocaleTimeString()}` : ''
              }.`
            : 'Loading…'
        }
      />
      <Table caption="SCIM requests" columns={['Time', 'Request', 'userName', 'Status', 'Why', 'Key', 'ms']}>
        {(rows ?? []).map((row) => (
          <tr key={row.id} className={row.status >= 400 ? 'failed' : undefined}>
            <td>
              <Time iso={row.at} />
            </td>
            <td className="mono">
              {row.method} {row.path}
            </td>
            <td>{row.userName ?? '–'}</td>
            <td>
              <span className={`badge s${String(row.status)[0]}`}>{row.status}</span>
            </td>
            <td>{[row.scimType, row.detail].filter(Boolean).join(': ') || '–'}</td>
            <td className="mono">{row.keyId ?? '–'}</td>
            <td className="num">{row.latencyMs}</td>
          </tr>
        ))}
      </Table>
    </Page>
  );
}
