import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@lib/platform';
import { ConsoleTables } from '../migrations';
import { CONSOLE_CLOCK, type ConsoleClock } from '../shared/clock';
import { sha256 } from '../shared/secrets';

/**
 * Failed sign-ins are counted in fixed windows per client address and per credential id, in
 * PostgreSQL so the limit holds across gateway replicas. Past a limit, every attempt for that key
 * (right or wrong) is refused until the window ends: otherwise guessing would just go on.
 * The per-credential limit also means anyone can lock a credential out of the console for one
 * window; the API and CLI are not affected, and the window is short.
 */
export const SignInLimits = {
  windowMs: 15 * 60 * 1000,
  failuresPerAddress: 30,
  failuresPerCredential: 10,
} as const;

export interface SignInSubject {
  /** The client's address as the socket sees it (X-Forwarded-For is not trusted). */
  address: string;
  /** "operator", or the public id of an auditor credential; undefined for a malformed one. */
  credentialId: string | undefined;
}

interface Counter {
  key: string;
  limit: number;
}

@Injectable()
export class SignInLimiter {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONSOLE_CLOCK) private readonly clock: ConsoleClock,
  ) {}

  /** Seconds until this subject may try again, or 0 when it may now. */
  async retryAfterSeconds(subject: SignInSubject): Promise<number> {
    const counters = this.counters(subject);
    const now = this.clock.now().getTime();
    const { rows } = await this.pool.query<{ key_hash: string; window_started_at: Date; failures: number }>(
      `SELECT key_hash, window_started_at, failures FROM ${ConsoleTables.signInFailures} WHERE key_hash = ANY($1)`,
      [counters.map((c) => c.key)],
    );
    let wait = 0;
    for (const row of rows) {
      const ends = new Date(row.window_started_at).getTime() + SignInLimits.windowMs;
      const limit = counters.find((c) => c.key === row.key_hash)?.limit ?? Infinity;
      if (row.failures >= limit && ends > now) wait = Math.max(wait, Math.ceil((ends - now) / 1000));
    }
    return wait;
  }

  async recordFailure(subject: SignInSubject): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - SignInLimits.windowMs);
    for (const { key } of this.counters(subject)) {
      await this.pool.query(
        `INSERT INTO ${ConsoleTables.signInFailures} AS f (key_hash, window_started_at, failures) VALUES ($1, $2, 1)
         ON CONFLICT (key_hash) DO UPDATE SET
           failures = CASE WHEN f.window_started_at <= $3 THEN 1 ELSE f.failures + 1 END,
           window_started_at = CASE WHEN f.window_started_at <= $3 THEN $2 ELSE f.window_started_at END`,
        [key, now, windowStart],
      );
    }
  }

  /** After a successful sign-in the credential's count starts again; the address's does not. */
  async recordSuccess(subject: SignInSubject): Promise<void> {
    if (subject.credentialId === undefined) return;
    await this.pool.query(`DELETE FROM ${ConsoleTables.signInFailures} WHERE key_hash = $1`, [
      credentialKey(subject.credentialId),
    ]);
  }

  async deleteStale(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM ${ConsoleTables.signInFailures} WHERE window_started_at <= $1`,
      [new Date(this.clock.now().getTime() - SignInLimits.windowMs)],
    );
    return rowCount ?? 0;
  }

  private counters(subject: SignInSubject): Counter[] {
    const counters: Counter[] = [{ key: sha256(`address:${subject.address}`), limit: SignInLimits.failuresPerAddress }];
    if (subject.credentialId !== undefined)
      counters.push({ key: credentialKey(subject.credentialId), limit: SignInLimits.failuresPerCredential });
    return counters;
  }
}

function credentialKey(credentialId: string): string {
  return sha256(`credential:${credentialId}`);
}
