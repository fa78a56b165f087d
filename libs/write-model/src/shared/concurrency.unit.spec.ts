import { isDomainError } from '@lib/domain';
import { WrongExpectedRevisionError } from '@lib/event-store';
import { MAX_ATTEMPTS, withRetry } from './concurrency';

const lostRace = () => new WrongExpectedRevisionError('user-acme:1', '3', '4');

/** An attempt that loses the race `losses` times, then succeeds; counts its calls. */
function attemptLosing(losses: number) {
  const calls = { count: 0 };
  const attempt = async () => {
    calls.count += 1;
    if (calls.count <= losses) throw lostRace();
    return 'written';
  };
  return { attempt, calls };
}

describe('withRetry: where a lost race is decided again', () => {
  it('re-runs the attempt after a lost race when the client sent no If-Match', async () => {
    const { attempt, calls } = attemptLosing(MAX_ATTEMPTS - 1);
    await expect(withRetry(undefined, attempt)).resolves.toBe('written');
    expect(calls.count).toBe(MAX_ATTEMPTS);
  });

  it(`gives up with a conflict (409) after ${MAX_ATTEMPTS} lost races`, async () => {
    const { attempt, calls } = attemptLosing(MAX_ATTEMPTS);
    const error = await withRetry(undefined, attempt).catch((e: unknown) => e);
    expect(isDomainError(error, 'conflict')).toBe(true);
    expect(error).toMatchObject({ site: 'write.retry.exhausted' });
    expect(calls.count).toBe(MAX_ATTEMPTS);
  });

  it('never retries past If-Match: the first lost race is a precondition failure (412)', async () => {
    const { attempt, calls } = attemptLosing(1);
    const error = await withRetry('W/"3"', attempt).catch((e: unknown) => e);
    expect(isDomainError(error, 'precondition_failed')).toBe(true);
    expect(error).toMatchObject({ site: 'write.if_match.race' });
    expect(calls.count).toBe(1);
  });

  it('passes any other error through without retrying', async () => {
    const calls = { count: 0 };
    const failure = new Error('disk full');
    const attempt = async () => {
      calls.count += 1;
      throw failure;
    };
    await expect(withRetry(undefined, attempt)).rejects.toBe(failure);
    expect(calls.count).toBe(1);
  });
});
