import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, errorText, query } from '../../app/api';
import { ErrorMessage, localInputToIso, Page, plural, StatusMessage, Time, zoneLabel } from '../../ui/page';
import { TenantNav } from './TenantNav';
import type { ProvisioningLogRow } from './types';

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
  const [draft, setDraft] = useState<Filters>({ status: '', userName: '', from: '', to: '', pageSize: 50 });
  const [filters, setFilters] = useState<Filters>(draft);
  const [cursors, setCursors] = useState<PageCursor[]>([{ to: undefined, seen: [] }]);
  const [rows, setRows] = useState<ProvisioningLogRow[]>();
  const [error, setError] = useState<string>();
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [refreshedAt, setRefreshedAt] = useState<Date>();
  const cursor = cursors[cursors.length - 1]!;
  const onFirstPage = cursors.length === 1;

  const load = useCallback(async () => {
    try {
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
      setError(undefined);
    } catch (caught) {
      setError(errorText(caught));
    }
  }, [tenantId, filters, cursor]);

  useEffect(() => void load(), [load]);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!autoRefresh || !onFirstPage) return undefined;
    // A hidden tab does not poll; it catches up on its next tick once shown again.
    const timer = window.setInterval(() => void (document.hidden ? undefined : loadRef.current()), REFRESH_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [autoRefresh, onFirstPage]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setCursors([{ to: undefined, seen: [] }]);
  };
  const older = () => {
    const last = rows?.[rows.length - 1];
    if (!last) return;
    const boundary = new Date(new Date(last.at).getTime() + 1).toISOString();
    setCursors([...cursors, { to: boundary, seen: (rows ?? []).filter((r) => r.at === last.at).map((r) => r.id) }]);
  };
  const set = (patch: Partial<Filters>) => setDraft({ ...draft, ...patch });

  return (
    <Page
      title="Provisioning log"
      intro="Every SCIM request of this tenant: newest first, with its status and, for errors, why. Bodies and keys are never logged."
    >
      <TenantNav tenantId={tenantId} current="/log" />
      <form onSubmit={apply} className="card filters" aria-label="Filters">
        <div>
          <label htmlFor="log-status">Status</label>
          <select id="log-status" value={draft.status} onChange={(event) => set({ status: event.currentTarget.value })}>
            <option value="">any</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="log-user">userName</label>
          <input
            id="log-user"
            value={draft.userName}
            onChange={(event) => set({ userName: event.currentTarget.value })}
            spellCheck={false}
          />
        </div>
        <div>
          <label htmlFor="log-from">From ({zoneLabel()})</label>
          <input
            id="log-from"
            type="datetime-local"
            step={1}
            value={draft.from}
            onChange={(event) => set({ from: event.currentTarget.value })}
          />
        </div>
        <div>
          <label htmlFor="log-to">Before ({zoneLabel()})</label>
          <input
            id="log-to"
            type="datetime-local"
            step={1}
            value={draft.to}
            onChange={(event) => set({ to: event.currentTarget.value })}
          />
        </div>
        <div>
          <label htmlFor="log-size">Rows per page</label>
          <select
            id="log-size"
            value={draft.pageSize}
            onChange={(event) => set({ pageSize: Number(event.currentTarget.value) })}
          >
            {[25, 50, 100, 200].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
        </div>
      </form>
      <div className="row toolbar">
        <div className="checkbox">
          <input
            id="auto-refresh"
            type="checkbox"
            checked={autoRefresh}
            onChange={(event) => setAutoRefresh(event.currentTarget.checked)}
          />
          <label htmlFor="auto-refresh">Refresh every 5 s (first page)</label>
        </div>
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
            ? `Page ${cursors.length}: ${plural(rows.length, 'request')}${refreshedAt ? `, as of ${refreshedAt.toLocaleTimeString()}` : ''}.`
            : 'Loading…'
        }
      />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">SCIM requests</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Request</th>
              <th scope="col">userName</th>
              <th scope="col">Status</th>
              <th scope="col">Why</th>
              <th scope="col">Key</th>
              <th scope="col">ms</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
    </Page>
  );
}
