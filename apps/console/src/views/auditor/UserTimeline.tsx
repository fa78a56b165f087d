import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, errorText } from '../../app/api';
import { navigate } from '../../app/router';
import { ErrorMessage, Page, plural, StatusMessage, Time } from '../../ui/page';
import { ExportLinks } from './ExportLinks';
import { describeActor, type TimelineEntry } from './types';

/** "What happened to this person's access, and who did it?": every change, oldest first. */
export function UserTimeline({ userId }: { userId: string | undefined }) {
  const [draft, setDraft] = useState(userId ?? '');
  const [entries, setEntries] = useState<TimelineEntry[]>();
  const [error, setError] = useState<string>();
  useEffect(() => setDraft(userId ?? ''), [userId]);
  const load = useCallback(async () => {
    if (!userId) return setEntries(undefined);
    try {
      setEntries(
        (await api<{ Resources: TimelineEntry[] }>('GET', `/audit/users/${encodeURIComponent(userId)}/timeline`))
          .Resources,
      );
      setError(undefined);
    } catch (caught) {
      setEntries(undefined);
      setError(errorText(caught));
    }
  }, [userId]);
  useEffect(() => void load(), [load]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) navigate(`audit/timeline?user=${encodeURIComponent(draft.trim())}`);
  };
  return (
    <Page
      title="A user's timeline"
      intro="Provisioning, every attribute change with before and after, deactivation, deletion, and each role granted or revoked, with who did it."
    >
      <form onSubmit={submit} className="card filters" aria-label="User">
        <div>
          <label htmlFor="timeline-user">User id</label>
          <input
            id="timeline-user"
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            spellCheck={false}
            required
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Show timeline
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {entries && userId ? (
        <>
          <StatusMessage message={`${plural(entries.length, 'change')}.`} />
          <ExportLinks path={`users/${encodeURIComponent(userId)}/timeline`} params="" what="the timeline" />
          <ol className="timeline">
            {entries.map((entry) => (
              <li key={`${entry.eventId}-${entry.action}-${entry.groupId ?? ''}`}>
                <p>
                  <Time iso={entry.at} /> <strong>{entry.action}</strong>
                  {entry.reason ? ` (${entry.reason})` : ''}
                  {entry.groupId ? (
                    <>
                      {' '}
                      role <span className="mono">{entry.groupId}</span>
                    </>
                  ) : null}{' '}
                  by {describeActor(entry.actor)}
                  {entry.requestId ? (
                    <>
                      , request <span className="mono small">{entry.requestId}</span>
                    </>
                  ) : null}
                </p>
                {entry.changes.length ? (
                  <ul className="changes">
                    {entry.changes.map((change, index) => (
                      <li key={index}>
                        <span className="mono">{change.path}</span>: {show(change.before)} → {show(change.after)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Page>
  );
}

function show(value: unknown): string {
  return value === undefined || value === null ? '–' : typeof value === 'string' ? value : JSON.stringify(value);
}
