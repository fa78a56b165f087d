import { useCallback, useState } from 'react';
import { api } from '../../app/api';
import { ErrorMessage, Page, StatusMessage } from '../../ui/page';
import { useLoad } from '../../ui/use-api';
import type { VerifyAnswer } from './types';

/** Whether anyone edited the tenant's audit log: the hash chain checked from the first record. */
export function ChainStatus() {
  const [answer, setAnswer] = useState<VerifyAnswer>();
  const [checkedAt, setCheckedAt] = useState<Date>();
  const { load: verify, error } = useLoad(
    useCallback(async () => {
      setAnswer(await api<VerifyAnswer>('GET', '/audit/verify'));
      setCheckedAt(new Date());
    }, []),
  );
  return (
    <Page
      title="Audit log integrity"
      intro={
        'Each audit record carries the hash of the one before it; an edited, removed or reordered record breaks ' +
        'the chain.'
      }
    >
      <ErrorMessage error={error} />
      {answer ? (
        <section className={`card verdict ${answer.valid ? 'ok' : 'broken'}`} aria-labelledby="verdict-title">
          <h2 id="verdict-title">{answer.valid ? 'The chain is intact' : 'The chain is broken'}</h2>
          <p>
            {answer.records} records checked for tenant <span className="mono">{answer.tenantId}</span>
            {checkedAt ? ` at ${checkedAt.toLocaleTimeString()}` : ''}.
          </p>
          {answer.firstBrokenRecord ? (
            <p>
              First broken record: #{answer.firstBrokenRecord.seq} (event{' '}
              <span className="mono">{answer.firstBrokenRecord.eventId}</span>): {answer.firstBrokenRecord.reason}
            </p>
          ) : null}
        </section>
      ) : null}
      <StatusMessage message={answer ? undefined : 'Checking…'} />
      <button type="button" className="primary" onClick={() => void verify()}>
        Verify again
      </button>
    </Page>
  );
}
