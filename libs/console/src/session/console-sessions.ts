import { Inject, Injectable } from '@nestjs/common';
import { CONSOLE_CLOCK, type ConsoleClock } from '../shared/clock';
import { randomToken, sha256 } from '../shared/secrets';
import { needsTouch, SessionPolicy, sessionState, type ConsoleRole, type ConsoleSession } from './console-session';
import { SessionStore } from './session-store';

export interface SessionGrant {
  role: ConsoleRole;
  tenantId: string | null;
  credentialRef: string;
}

export interface OpenedSession {
  id: string;
  session: ConsoleSession;
}

/** Opens, resolves and ends console sessions. The session id is 256 random bits, given to the browser once. */
@Injectable()
export class ConsoleSessions {
  constructor(
    private readonly store: SessionStore,
    @Inject(CONSOLE_CLOCK) private readonly clock: ConsoleClock,
  ) {}

  async open(grant: SessionGrant): Promise<OpenedSession> {
    const now = this.clock.now();
    const id = randomToken();
    const session: ConsoleSession = {
      ...grant,
      csrfToken: randomToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SessionPolicy.maxLifetimeMs),
    };
    await this.store.insert(sha256(id), session);
    return { id, session };
  }

  /**
   * The live session of this id, or undefined: unknown, idle too long, past its absolute end, or
   * granted on a credential that no longer holds (`stillGranted`). A dead session's row is deleted.
   */
  async resolve(
    id: string,
    stillGranted: (session: ConsoleSession) => Promise<boolean>,
  ): Promise<ConsoleSession | undefined> {
    const idHash = sha256(id);
    const found = await this.store.find(idHash);
    if (!found) return undefined;
    const now = this.clock.now();
    if (sessionState(found.session, now) !== 'active' || !(await stillGranted(found.session))) {
      await this.store.delete(idHash);
      return undefined;
    }
    if (needsTouch(found.session, now)) await this.store.touch(idHash, now);
    return found.session;
  }

  async end(id: string): Promise<void> {
    await this.store.delete(sha256(id));
  }

  deleteExpired(): Promise<number> {
    return this.store.deleteExpired(this.clock.now(), SessionPolicy.idleTimeoutMs);
  }
}
