import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type Environment } from '@lib/platform';
import { TENANCY_CLOCK, type Clock } from '../shared/clock';
import { ProvisioningLogRepository } from './provisioning-log.repository';

const RUN_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes provisioning-log rows older than PROVISIONING_LOG_RETENTION_DAYS: shortly after start, then hourly. */
@Injectable()
export class ProvisioningLogRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ProvisioningLogRetention');
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;

  constructor(
    private readonly repository: ProvisioningLogRepository,
    @Inject(APP_CONFIG) private readonly config: Environment,
    @Inject(TENANCY_CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // Not in the start-up path: a large first delete must not delay readiness.
    this.first = setTimeout(() => void this.runSafely(), 10_000);
    this.timer = setInterval(() => void this.runSafely(), RUN_EVERY_MS);
    this.first.unref();
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.first);
    clearInterval(this.timer);
  }

  /** Deletes what is past retention now; returns the number of rows deleted. */
  async run(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.PROVISIONING_LOG_RETENTION_DAYS * DAY_MS);
    return this.repository.deleteOlderThan(cutoff);
  }

  private async runSafely(): Promise<void> {
    try {
      const deleted = await this.run();
      if (deleted > 0) this.logger.log(`deleted ${deleted} provisioning log rows past retention`);
    } catch (error) {
      this.logger.warn(`provisioning log retention failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
