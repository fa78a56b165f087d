import { useCallback, useState } from 'react';
import { api, query } from '../../app/api';
import { Link } from '../../app/router';
import { DateTimeField, FilterForm, TextField, useDraft } from '../../ui/fields';
import { ErrorMessage, localInputToIso, Page, plural, StatusMessage, Time, zoneLabel } from '../../ui/page';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-api';
import { ExportLinks } from './ExportLinks';
import type { AccessAnswer } from './types';

const PAGE = 50;

/** "Who had access at T, and as what?": each user active at T with the roles held at T. */
export function AccessAt() {
  const { draft, bind } = useDraft({ at: '', role: '' });
  const [asked, setAsked] = useState<{ at?: string; role?: string }>({});
  const [startIndex, setStartIndex] = useState(1);
  const [answer, setAnswer] = useState<AccessAnswer>();
  const [roles, setRoles] = useState<Map<string, string>>(new Map());
  const params = query({ at: asked.at, role: asked.role });
  const { error, setError } = useLoad(
    useCallback(async () => {
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
    }, [asked, startIndex]),
  );
  const submit = () => {
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
      <FilterForm label="Question" submit="Show access" onSubmit={submit}>
        <DateTimeField id="access-at" label={`At (${zoneLabel()}; empty means now)`} {...bind('at')} />
        <TextField
          id="access-role"
          label="Role (group id; optional)"
          list="known-roles"
          {...bind('role')}
          spellCheck={false}
        />
        <datalist id="known-roles">
          {[...roles].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </datalist>
      </FilterForm>
      <ErrorMessage error={error} />
      {answer ? (
        <>
          <StatusMessage
            message={
              `${plural(answer.totalResults, 'user')} had access at ` +
              `${new Date(answer.at).toLocaleString()}${
                answer.totalResults ? ` (showing ${answer.startIndex}–${last})` : ''
              }.`
            }
          />
          <ExportLinks path="access" params={params} what="the whole list" />
          <Table
            caption="Users with access"
            columns={['userName', 'User id', 'Active since', 'Roles at that instant', { hidden: 'Timeline' }]}
          >
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
          </Table>
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
