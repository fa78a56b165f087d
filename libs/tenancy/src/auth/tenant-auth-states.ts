import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { TenantState } from '@lib/domain';
import { APP_CONFIG, type Environment } from '@lib/platform';
import { TenantStream } from '../tenants/tenant-stream';
import { TenantAuthCache } from './tenant-auth-cache';
import { TenantChangeListener } from './tenant-change-listener';

/**
 * The tenant states authentication reads: TenantAuthCache in front of the tenant stream, kept
 * honest by a TenantChangeListener on the service's PostgreSQL (started with the first request,
 * closed with the app). Without a database URL (an app that has none) it reads through.
 */
@Injectable()
export class TenantAuthStates implements OnApplicationShutdown {
  private readonly cache: TenantAuthCache;
  private readonly listener: TenantChangeListener | undefined;

  constructor(
    stream: TenantStream,
    @Inject(APP_CONFIG) config: Environment,
    @Optional() @Inject('DATABASE_URL') databaseUrl?: string,
  ) {
    this.cache = new TenantAuthCache(async (tenantId) => (await stream.load(tenantId)).state, {
      ttlMs: config.AUTH_CACHE_TTL_MS,
    });
    if (databaseUrl && config.AUTH_CACHE_TTL_MS > 0)
      this.listener = new TenantChangeListener({ connectionString: databaseUrl }, this.cache);
  }

  get(tenantId: string): Promise<TenantState> {
    this.listener?.start();
    return this.cache.get(tenantId);
  }

  /** This process changed the tenant: drop it now, before the notification comes back. */
  changed(tenantId: string): void {
    this.cache.changed(tenantId);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
  }
}
