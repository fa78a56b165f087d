import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, errorText, query } from '../../app/api';
import { ErrorMessage, localInputToIso, Page, plural, StatusMessage, Time, zoneLabel } from '../../ui/page';
import { ExportLinks } from './ExportLinks';
import { describeActor, type RoleHolding } from './types';

/** "Who held role X during a period?": every holding overlapping the window, granted and revoked by whom. */
export function RoleHistory() {
  const [draft, setDraft] = useState({ groupId: '', from: '', to: '' });
  const [asked, setAsked] = useState<{ groupId: string; from?: string; to?: string }>();
  const [holdings, setHoldings] = useState<RoleHolding[]>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const params = asked ? query({ from: asked.from, to: asked.to }) : '';
  const load = useCallback(async () => {
    if (!asked) return;
    try {
      const answer = await api<{ totalResults: number; Resources: RoleHolding[] }>(
        'GET',
        `/audit/roles/${encodeURIComponent(asked.groupId)}/history${query({ from: asked.from, to: asked.to })}`,
      );
      setHoldings(answer.Resources);
      setTotal(answer.totalResults);
      setError(undefined);
    } catch (caught) {
      setHoldings(undefined);
      setError(errorText(caught));
    }
  }, [asked]);
  useEffect(() => void load(), [load]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ groupId: draft.groupId.trim(), from: localInputToIso(draft.from), to: localInputToIso(draft.to) });
  };
  return (
    <Page
      title="A role's history"
      intro="Every holding of the role (SCIM group) that overlaps the period: who, granted when and by whom, revoked when, by whom and why."
    >
      <form onSubmit={submit} className="card filters" aria-label="Role and period">
        <div>
          <label htmlFor="role-id">Role (group id)</label>
          <input
            id="role-id"
            required
            value={draft.groupId}
            onChange={(event) => setDraft({ ...draft, groupId: event.currentTarget.value })}
            spellCheck={false}
          />
        </div>
        <div>
          <label htmlFor="role-from">From ({zoneLabel()}; optional)</label>
          <input
            id="role-from"
            type="datetime-local"
            step={1}
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })}
          />
        </div>
        <div>
          <label htmlFor="role-to">To ({zoneLabel()}; optional)</label>
          <input
            id="role-to"
            type="datetime-local"
            step={1}
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Show history
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {holdings && asked ? (
        <>
          <StatusMessage message={`${plural(total, 'holding')}.`} />
          <ExportLinks path={`roles/${encodeURIComponent(asked.groupId)}/history`} params={params} what="the history" />
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Holdings of the role</caption>
              <thead>
                <tr>
                  <th scope="col">User id</th>
                  <th scope="col">Granted</th>
                  <th scope="col">Granted by</th>
                  <th scope="col">Revoked</th>
                  <th scope="col">Revoked by</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {holdings.map((h) => (
                  <tr key={`${h.userId}-${h.grantedAt}`}>
                    <td className="mono">{h.userId}</td>
                    <td>
                      <Time iso={h.grantedAt} />
                    </td>
                    <td>{describeActor(h.grantedBy)}</td>
                    <td>
                      <Time iso={h.revokedAt} />
                    </td>
                    <td>{describeActor(h.revokedBy)}</td>
                    <td>{h.revokeReason ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Page>
  );
}
