import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, errorText, query } from '../../app/api';
import { Link } from '../../app/router';
import { ErrorMessage, localInputToIso, Page, plural, StatusMessage, Time, zoneLabel } from '../../ui/page';
import { ExportLinks } from './ExportLinks';
import type { AccessAnswer } from './types';

const PAGE = 50;

/** "Who had access at T, and as what?": each user active at T with the roles held at T. */
export function AccessAt() {
  const [draft, setDraft] = useState({ at: '', role: '' });
  const [asked, setAsked] = useState<{ at?: string; role?: string }>({});
  const [startIndex, setStartIndex] = useState(1);
  const [answer, setAnswer] = useState<AccessAnswer>();
  const [roles, setRoles] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string>();
  const params = query({ at: asked.at, role: asked.role });
  const load = useCallback(async () => {
    try {
      const result = await api<AccessAnswer>(
        'GET',
        `/audit/access${query({ at: asked.at, role: asked.role, startIndex, count: PAGE })}`,
      );
      setAnswer(result);
      setRoles((known) => {
        const next = new Map(known);
        for (const entry of result.Resources) for (const role of entry.roles) next.set(role.groupId, role.displayName);
        return next;
      });
      setError(undefined);
    } catch (caught) {
      setError(errorText(caught));
    }
  }, [asked, startIndex]);
  useEffect(() => void load(), [load]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.at && !localInputToIso(draft.at)) return setError('That date and time is not valid.');
    setAsked({ at: localInputToIso(draft.at), role: draft.role.trim() || undefined });
    setStartIndex(1);
  };
  const last = answer ? answer.startIndex + answer.itemsPerPage - 1 : 0;
  return (
    <Page
      title="Who had access"
      intro="Each user active at that instant, with the roles held at that instant, and since when."
    >
      <form onSubmit={submit} className="card filters" aria-label="Question">
        <div>
          <label htmlFor="access-at">At ({zoneLabel()}; empty means now)</label>
          <input
            id="access-at"
            type="datetime-local"
            step={1}
            value={draft.at}
            onChange={(event) => setDraft({ ...draft, at: event.currentTarget.value })}
          />
        </div>
        <div>
          <label htmlFor="access-role">Role (group id; optional)</label>
          <input
            id="access-role"
            list="known-roles"
            value={draft.role}
            onChange={(event) => setDraft({ ...draft, role: event.currentTarget.value })}
            spellCheck={false}
          />
          <datalist id="known-roles">
            {[...roles].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </datalist>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Show access
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {answer ? (
        <>
          <StatusMessage
            message={`${plural(answer.totalResults, 'user')} had access at ${new Date(answer.at).toLocaleString()}${answer.totalResults ? ` (showing ${answer.startIndex}–${last})` : ''}.`}
          />
          <ExportLinks path="access" params={params} what="the whole list" />
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Users with access</caption>
              <thead>
                <tr>
                  <th scope="col">userName</th>
                  <th scope="col">User id</th>
                  <th scope="col">Active since</th>
                  <th scope="col">Roles at that instant</th>
                  <th scope="col">
                    <span className="visually-hidden">Timeline</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {answer.Resources.map((entry) => (
                  <tr key={entry.userId}>
                    <td>{entry.erased ? <em title="personal data erased on request">erased</em> : entry.userName}</td>
                    <td className="mono">{entry.userId}</td>
                    <td>
                      <Time iso={entry.activeSince} />
                    </td>
                    <td>
                      {entry.roles.length === 0
                        ? '–'
                        : entry.roles.map((role) => (
                            <span key={role.groupId} className="chip" title={`since ${role.grantedAt}`}>
                              {role.displayName}
                            </span>
                          ))}
                    </td>
                    <td>
                      <Link to={`audit/timeline?user=${encodeURIComponent(entry.userId)}`}>
                        Timeline<span className="visually-hidden"> of {entry.userName ?? entry.userId}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <button
              type="button"
              disabled={startIndex <= 1}
              onClick={() => setStartIndex(Math.max(1, startIndex - PAGE))}
            >
              Previous page
            </button>
            <button
              type="button"
              disabled={last >= answer.totalResults}
              onClick={() => setStartIndex(startIndex + PAGE)}
            >
              Next page
            </button>
          </div>
        </>
      ) : null}
    </Page>
  );
}
