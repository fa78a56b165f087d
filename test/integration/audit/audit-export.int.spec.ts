import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { AuditApi, AuditQueries, AuditTables as T } from '@lib/audit';
import { startAuditHarness, type AuditHarness } from './audit-harness';

/**
 * A tenant of 20,000 users exported as CSV and JSON over HTTP through the real AuditApi: the rows
 * are read in keyset chunks and written as they come, so the first bytes arrive long before the
 * last chunk is read, and the heap does not grow with the tenant.
 */
jest.setTimeout(120_000);

describe('streamed export of a large tenant', () => {
  const USERS = 20_000;
  const tenant = 'big';
  const at = '2025-06-01T00:00:00.000Z';
  let harness: AuditHarness;
  let server: Server;
  let baseUrl: string;
  let chunkQueries: number[] = [];

  beforeAll(async () => {
    harness = await startAuditHarness();
    // Filled with SQL rather than 60,000 projected events: this test is about the read side.
    const actor = '{"kind":"scim-key","keyId":"k1"}';
    await harness.pool.query(
      `INSERT INTO ${T.userStatus} (tenant_id, user_id, status, valid_from, actor, request_id, event_id, position)
       SELECT $1, 'user-' || lpad(i::text, 6, '0'), 'active', '2025-01-01', $2, 'r' || i, gen_random_uuid(),
         i FROM generate_series(1, $3) i`,
      [tenant, actor, USERS],
    );
    await harness.pool.query(
      `INSERT INTO ${T.userNames} (tenant_id, user_id, user_name, valid_from, position, event_id)
       SELECT $1, 'user-' || lpad(i::text, 6, '0'), CASE WHEN i % 1000 = 0 THEN '=HYPERLINK("http://evil")' ELSE 'user'
         || i || '@big.example' END, '2025-01-01', i, gen_random_uuid() FROM generate_series(1, $2) i`,
      [tenant, USERS],
    );
    await harness.pool.query(
      `INSERT INTO ${T.roles} (tenant_id, group_id, display_name, created_at) VALUES ($1, 'staff', 'Staff, all',
        '2025-01-01')`,
      [tenant],
    );
    await harness.pool.query(
      `INSERT INTO ${T.roleNames} (tenant_id, group_id, display_name, valid_from, position) VALUES ($1, 'staff',
        'Staff, all', '2025-01-01', 0)`,
      [tenant],
    );
    await harness.pool.query(
      `INSERT INTO ${T.memberships} (tenant_id, group_id, user_id, granted_at, granted_by, granted_request_id,
        granted_event_id, granted_position)
       SELECT $1, 'staff', 'user-' || lpad(i::text, 6, '0'), '2025-02-01', $2, 'g' || i, gen_random_uuid(),
         i FROM generate_series(1, $3, 2) i`,
      [tenant, actor, USERS],
    );

    // What autovacuum does after a bulk load; without statistics the planner guesses the tables are empty.
    await harness.pool.query(`ANALYZE ${T.userStatus}, ${T.userNames}, ${T.memberships}, ${T.roleNames}`);

    // Count the keyset reads as they are issued, with the time, to compare with the bytes' arrival.
    const queries = new AuditQueries({
      query: (text: string, values?: unknown[]) => {
        if (text.includes('COLLATE "C" > $5')) chunkQueries.push(Date.now());
        return harness.pool.query(text, values);
      },
    });
    const api = new AuditApi(queries);
    const app = express();
    app.get('/audit/v1/:tenantId/access', (req, res, next) => {
      api.access(req.params.tenantId, req.query as Record<string, unknown>, res).catch(next);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await harness.close();
  });

  beforeEach(() => {
    chunkQueries = [];
  });

  it('streams CSV in chunks with bounded memory, one line per held role, formulas neutralised', async () => {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const response = await fetch(`${baseUrl}/audit/v1/${tenant}/access?at=${at}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let firstBytesAt = 0;
    let pieces = 0;
    let lines = 0;
    let tail = '';
    let header = '';
    let sample = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!firstBytesAt) firstBytesAt = Date.now();
      pieces++;
      const text = tail + decoder.decode(value, { stream: true });
      const split = text.split('\r\n');
      tail = split.pop() as string;
      if (!header) header = split[0] as string;
      for (const line of split) if (line.includes('user-001000')) sample = line;
      lines += split.length;
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    expect(header).toBe('at,userId,userName,activeSince,groupId,roleName,grantedAt');
    expect(lines).toBe(1 + USERS); // every user has one line: odd ones hold "staff", even ones no role
    expect(sample).toBe(`${at},user-001000,"'=HYPERLINK(""http://evil"")",2025-01-01T00:00:00.000Z,,,`);
    expect(chunkQueries.length).toBeGreaterThanOrEqual(USERS / 1000);
    expect(pieces).toBeGreaterThan(5);
    // The first bytes arrived before the last chunk was even read from PostgreSQL.
    expect(firstBytesAt).toBeLessThan(chunkQueries[chunkQueries.length - 1] as number);
    // Generous bound: the whole answer as objects would be far larger than one chunk's worth.
    expect(heapPeak - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('streams the same answer as one JSON document, filtered by role', async () => {
    const response = await fetch(`${baseUrl}/audit/v1/${tenant}/access?at=${at}&format=json&role=staff`);
    const body = (await response.json()) as {
      at: string;
      role: string;
      Resources: Array<{ userId: string; roles: Array<{ displayName: string }> }>;
    };
    expect(body.at).toBe(at);
    expect(body.role).toBe('staff');
    expect(body.Resources).toHaveLength(USERS / 2);
    expect(body.Resources[0]).toMatchObject({
      userId: 'user-000001',
      roles: [{ groupId: 'staff', displayName: 'Staff, all' }],
    });
    expect(chunkQueries.length).toBeGreaterThanOrEqual(USERS / 2 / 1000);
  });

  it('pages the JSON answer in a stable order', async () => {
    const page = (await (
      await fetch(`${baseUrl}/audit/v1/${tenant}/access?at=${at}&startIndex=19999&count=5`)
    ).json()) as { totalResults: number; itemsPerPage: number; Resources: Array<{ userId: string }> };
    expect(page.totalResults).toBe(USERS);
    expect(page.Resources.map((u) => u.userId)).toEqual(['user-019999', 'user-020000']);
  });
});
