import { useCallback, useEffect, useState } from 'react';
import { api } from '../../app/api';
import { navigate } from '../../app/router';
import { FilterForm, TextField } from '../../ui/fields';
import { ErrorMessage, Page, plural, StatusMessage, Time } from '../../ui/page';
import { useLoad } from '../../ui/use-api';
import { ExportLinks } from './ExportLinks';
import { describeActor, type TimelineEntry } from './types';

/** "What happened to this person's access, and who did it?": every change, oldest first. */
export function UserTimeline({ userId }: { userId: string | undefined }) {
  const [draft, setDraft] = useState(userId ?? '');
  const [entries, setEntries] = useState<TimelineEntry[]>();
  useEffect(() => setDraft(userId ?? ''), [userId]);
  const { error } = useLoad(
    useCallback(async () => {
      if (!userId) return setEntries(undefined);
      const path = `/audit/users/${encodeURIComponent(userId)}/timeline`;
      setEntries((await api<{ Resources: TimelineEntry[] }>('GET', path)).Resources);
    }, [userId]),
    { forget: () => setEntries(undefined) },
  );
  const submit = () => {
    if (draft.trim()) navigate(`audit/timeline?user=${encodeURIComponent(draft.trim())}`);
  };
  return (
    <Page
      title="A user's timeline"
      intro={
        'Provisioning, every attribute change with before and after, deactivation, deletion, and each role ' +
        'granted or revoked, with who did it.'
      }
    >
      <FilterForm label="User" submit="Show timeline" onSubmit={submit}>
        <TextField id="timeline-user" label="User id" value={draft} onChange={setDraft} spellCheck={false} required />
      </FilterForm>
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
