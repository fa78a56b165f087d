import { generateHistory } from '../../../libs/audit/src/testing/history-generator';
import { startAuditHarness, type AuditHarness } from './audit-harness';

/**
 * The audit projector uses only what stays readable after an erasure, so on an encrypted log it
 * follows the events with their personal data sealed: it reads no data key and decrypts nothing
 * (the differential tests show its answers equal the oracle's replay of the opened log).
 */
describe('audit projection on an encrypted log', () => {
  let harness: AuditHarness;
  beforeAll(async () => {
    harness = await startAuditHarness({ batchSize: 50, encrypted: true });
  });
  afterAll(async () => harness.close());

  it('projects every event without reading a data key', async () => {
    const forReading = jest.spyOn(harness.keys!, 'forReading');
    const history = generateHistory(11, 200);
    await harness.append(history.events);
    await harness.settle();
    expect(harness.projector.health()).toMatchObject({ state: 'active', parked: [] });
    const records = await harness.pool.query<{ n: string; sealed: string }>(
      `SELECT count(*) AS n, count(sealed) AS sealed FROM audit_records_v1`,
    );
    expect(Number(records.rows[0]!.n)).toBeGreaterThan(100);
    expect(Number(records.rows[0]!.sealed)).toBeGreaterThan(0);
    expect(forReading).not.toHaveBeenCalled();
  });
});
