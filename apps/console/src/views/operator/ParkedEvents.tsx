import { useCallback, useState } from 'react';
import { api, ApiError, errorText, query } from '../../app/api';
import { anyOf, FilterForm, SelectField, TextField, useDraft } from '../../ui/fields';
import { ErrorMessage, Page, plural, StatusMessage, Time } from '../../ui/page';
import { ACTIONS_COLUMN, ConfirmOrCancel, Table } from '../../ui/table';
import { useActions, useLoad } from '../../ui/use-api';
// The follower runtime's own types (a pure file): GET /admin/parked-events answers them as JSON.
import { PARKED_STATUSES, type ParkedEvent } from '../../../../../libs/follower/src/parking/parked-event';

const noFollowerRuntime = (caught: unknown) =>
  caught instanceof ApiError && caught.status === 404
    ? 'This service has no follower runtime with parked events.'
    : errorText(caught);

/**
 * Events a follower (read-model projector, audit projector, publisher) could not apply. Their
 * tenant's later events wait behind them; other tenants go on. Retry after fixing the cause, or
 * skip for good (recorded in the tenant's audit log with the operator as actor).
 * GET /admin/parked-events, POST …/:id/retry and …/:id/skip.
 */
export function ParkedEvents({ initialTenant }: { initialTenant?: string }) {
  const { draft, bind } = useDraft({ tenantId: initialTenant ?? '', status: '' });
  const [filters, setFilters] = useState(draft);
  const [events, setEvents] = useState<ParkedEvent[]>();
  const [confirmSkip, setConfirmSkip] = useState<number>();
  const loaded = useLoad(
    useCallback(async () => {
      const path = `/admin/parked-events${query({ tenantId: filters.tenantId.trim(), status: filters.status })}`;
      setEvents((await api<{ parkedEvents: ParkedEvent[] }>('GET', path)).parkedEvents);
    }, [filters]),
    { describe: noFollowerRuntime },
  );
  const { status, run } = useActions(loaded);
  const act = (event: ParkedEvent, action: 'retry' | 'skip') =>
    run(async () => {
      await api('POST', `/admin/parked-events/${event.id}/${action}`);
      setConfirmSkip(undefined);
      return action === 'retry'
        ? `Retry of event ${event.id} requested; the follower picks it up within seconds.`
        : `Skip of event ${event.id} recorded and requested.`;
    });
  return (
    <Page
      title="Parked events"
      intro={
        "Events a follower could not apply. The tenant's later events wait behind a parked event " +
        '(its SCIM writes answer 503); other tenants go on.'
      }
    >
      <FilterForm
        label="Filters"
        submit="Apply filters"
        onSubmit={() => setFilters(draft)}
        extraActions={
          <button type="button" onClick={() => void loaded.load()}>
            Refresh
          </button>
        }
      >
        <TextField id="parked-tenant" label="Tenant id" {...bind('tenantId')} spellCheck={false} />
        <SelectField id="parked-status" label="Status" choices={anyOf(PARKED_STATUSES)} {...bind('status')} />
      </FilterForm>
      <ErrorMessage error={loaded.error} />
      <StatusMessage message={status ?? (events ? `${plural(events.length, 'parked event')}.` : undefined)} />
      <Table
        caption="Parked events"
        columns={['#', 'Tenant', 'Follower', 'Event', 'Error', 'Parked', 'Status', ACTIONS_COLUMN]}
      >
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
                <ConfirmOrCancel
                  label={`Skip event ${event.id} for good`}
                  onConfirm={() => void act(event, 'skip')}
                  onCancel={() => setConfirmSkip(undefined)}
                />
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
      </Table>
    </Page>
  );
}
