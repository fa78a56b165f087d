import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, errorText, query } from '../../app/api';
import { ErrorMessage, Page, plural, StatusMessage, Time } from '../../ui/page';

/** The follower runtime's parked (poison) events: GET /admin/parked-events, POST …/:id/retry and …/:id/skip. */
interface ParkedEvent {
  id: number;
  follower: string;
  tenantId: string;
  eventId: string;
  position: number;
  eventType: string;
  error: string;
  parkedAt: string;
  status: 'parked' | 'retry_requested' | 'skip_requested' | 'retried' | 'skipped';
  attempts: number;
  requestedBy: string | null;
  requestedAt: string | null;
  resolvedAt: string | null;
}

const STATUSES = ['parked', 'retry_requested', 'skip_requested', 'retried', 'skipped'];

/**
 * Events a follower (read-model projector, audit projector, publisher) could not apply. Their
 * tenant's later events wait behind them; other tenants go on. Retry after fixing the cause, or
 * skip for good (recorded in the tenant's audit log with the operator as actor).
 */
export function ParkedEvents({ initialTenant }: { initialTenant?: string }) {
  const [draft, setDraft] = useState({ tenantId: initialTenant ?? '', status: '' });
  const [filters, setFilters] = useState(draft);
  const [events, setEvents] = useState<ParkedEvent[]>();
  const [confirmSkip, setConfirmSkip] = useState<number>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const load = useCallback(async () => {
    try {
      const answer = await api<{ parkedEvents: ParkedEvent[] }>(
        'GET',
        `/admin/parked-events${query({ tenantId: filters.tenantId.trim(), status: filters.status })}`,
      );
      setEvents(answer.parkedEvents);
      setError(undefined);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 404
          ? 'This service has no follower runtime with parked events.'
          : errorText(caught),
      );
    }
  }, [filters]);
  useEffect(() => void load(), [load]);
  const act = async (event: ParkedEvent, action: 'retry' | 'skip') => {
    setError(undefined);
    try {
      await api('POST', `/admin/parked-events/${event.id}/${action}`);
      setConfirmSkip(undefined);
      setStatus(
        action === 'retry'
          ? `Retry of event ${event.id} requested; the follower picks it up within seconds.`
          : `Skip of event ${event.id} recorded and requested.`,
      );
      await load();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  return (
    <Page
      title="Parked events"
      intro="Events a follower could not apply. The tenant's later events wait behind a parked event (its SCIM writes answer 503); other tenants go on."
    >
      <form onSubmit={apply} className="card filters" aria-label="Filters">
        <div>
          <label htmlFor="parked-tenant">Tenant id</label>
          <input
            id="parked-tenant"
            value={draft.tenantId}
            onChange={(event) => setDraft({ ...draft, tenantId: event.currentTarget.value })}
            spellCheck={false}
          />
        </div>
        <div>
          <label htmlFor="parked-status">Status</label>
          <select
            id="parked-status"
            value={draft.status}
            onChange={(event) => setDraft({ ...draft, status: event.currentTarget.value })}
          >
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
          <button type="button" onClick={() => void load()}>
            Refresh
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      <StatusMessage message={status ?? (events ? `${plural(events.length, 'parked event')}.` : undefined)} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Parked events</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Tenant</th>
              <th scope="col">Follower</th>
              <th scope="col">Event</th>
              <th scope="col">Error</th>
              <th scope="col">Parked</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(events ?? []).map((event) => (
              <tr key={event.id}>
                <td className="num">{event.id}</td>
                <td className="mono">{event.tenantId}</td>
                <td className="mono">{event.follower}</td>
                <td>
                  <span className="mono">{event.eventType}</span> at {event.position}
                  <br />
                  <span className="mono small">{event.eventId}</span>
                </td>
                <td className="small">{event.error}</td>
                <td>
                  <Time iso={event.parkedAt} />
                </td>
                <td>
                  {event.status}
                  {event.requestedBy ? ` (by ${event.requestedBy})` : ''}
                </td>
                <td>
                  {event.status !== 'parked' ? null : confirmSkip === event.id ? (
                    <span className="row">
                      <button type="button" className="danger" onClick={() => void act(event, 'skip')}>
                        Skip event {event.id} for good
                      </button>
                      <button type="button" onClick={() => setConfirmSkip(undefined)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <span className="row">
                      <button
                        type="button"
                        onClick={() => void act(event, 'retry')}
                        aria-label={`Retry parked event ${event.id}`}
                      >
                        Retry
                      </button>
                      <button
                        type="button"
                        onClick={() => setConfirmSkip(event.id)}
                        aria-label={`Skip parked event ${event.id}`}
                      >
                        Skip
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
