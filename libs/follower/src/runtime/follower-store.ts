import type { Pool, PoolClient } from 'pg';
import { inTransaction, type TransactionOptions } from '@lib/platform';
import { assertLease } from '../lease/fence';
import { FollowerTables } from '../migrations/table-names';
import { PgParkingStore, type ParkingStore } from '../parking/pg-parking-store';

/** What the active instance reports about itself, for operators (GET /admin/followers). */
export interface FollowerStatusRow {
  name: string;
  holder: string;
  epoch: number;
  state: string;
  position: number;
  parkedTenants: number;
  lastError: string | null;
}

/** The runtime's database side: fenced transactions, a liveness probe, parked events, its status row. */
export interface FollowerStore {
  readonly parking: ParkingStore;
  /** Reads that need no fence (parked events at start, requests). */
  readonly reader: Pick<Pool, 'query'>;
  /** One transaction, refused (LeaseLostError, nothing committed) unless `epoch` is still the lease's. */
  transaction<T>(follower: string, epoch: number, work: (client: PoolClient) => Promise<T>): Promise<T>;
  /** The connection is known good (`SELECT 1`); throws an availability error otherwise. */
  ping(): Promise<void>;
  saveStatus(status: FollowerStatusRow): Promise<void>;
}

export class PgFollowerStore implements FollowerStore {
  readonly parking: ParkingStore = new PgParkingStore();

  constructor(
    private readonly pool: Pool,
    private readonly durability: TransactionOptions['durability'] = 'deferred',
  ) {}

  get reader(): Pick<Pool, 'query'> {
    return this.pool;
  }

  transaction<T>(follower: string, epoch: number, work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(
      this.pool,
      async (client) => {
        await assertLease(client, follower, epoch);
        return work(client);
      },
      { durability: this.durability },
    );
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async saveStatus(status: FollowerStatusRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${FollowerTables.status} (name, holder, epoch, state, position, parked_tenants, last_error,
      updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, epoch = EXCLUDED.epoch, state = EXCLUDED.state,
       position = EXCLUDED.position,
         parked_tenants = EXCLUDED.parked_tenants, last_error = EXCLUDED.last_error, updated_at = now()
       WHERE ${FollowerTables.status}.epoch <= EXCLUDED.epoch`,
      [status.name, status.holder, status.epoch, status.state, status.position, status.parkedTenants, status.lastError],
    );
  }
}
