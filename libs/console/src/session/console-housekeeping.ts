import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '@lib/platform';
import { SignInLimiter } from '../sign-in/sign-in-limiter';
import { ConsoleSessions } from './console-sessions';

const RUN_EVERY_MS = 10 * 60 * 1000;

/**
 * Deletes ended sessions and old failure counters every ten minutes. Correctness does not depend
 * on it (an ended session is refused and deleted when presented); it keeps the tables small.
 */
@Injectable()
export class ConsoleHousekeeping implements OnModuleInit, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: ConsoleSessions,
    private readonly limiter: SignInLimiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.run(), RUN_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      const sessions = await this.sessions.deleteExpired();
      const counters = await this.limiter.deleteStale();
      if (sessions || counters) this.logger.debug({ sessions, counters }, 'console housekeeping');
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'console housekeeping failed; retrying later',
      );
    }
  }
}
