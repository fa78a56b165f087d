import { CreateLoad } from './support';
import { missingAcknowledgedWrites, outageTrial, startOutageWorld, type OutageWorld, type TrialResult } from './outage-scenario';

jest.setTimeout(300_000);

describe('PostgreSQL SIGKILLed under a create load and started again, 5 times (durable PostgreSQL of the test, all-in-one service in a child process)', () => {
  let world: OutageWorld;
  let load: CreateLoad;
  const results: TrialResult[] = [];

  beforeAll(async () => {
    world = await startOutageWorld();
    load = new CreateLoad(world.tenant, 3);
    load.start();
  });
  afterAll(async () => {
    await load?.stop();
    await world?.close();
  });

  it.each([1, 2, 3, 4, 5])('trial %i: writes succeed again within 10 s of the database\'s return, every follower resumes, the process stays up', async (trial) => {
    const result = await outageTrial(world, load, 'kill', trial);
    results.push(result);
    process.stdout.write(`[kill trial ${trial}] writes back after ${result.writesBackMs} ms; attempts ${JSON.stringify(result.statuses)}\n`);
    expect(world.service.exit).toBeNull();
    expect(result.writesBackMs).toBeLessThanOrEqual(10_000);
  });

  it('lost no acknowledged write: each is in the event log, the read model, the audit model and on Kafka; the same process ran throughout', async () => {
    await load.stop();
    expect(results).toHaveLength(5);
    expect(load.acknowledged.size).toBeGreaterThan(25);
    expect(await missingAcknowledgedWrites(world, load)).toEqual({ eventLog: [], readModel: [], audit: [], kafka: [] });
    expect(world.service.exit).toBeNull();
    const details = await fetch(`${world.service.baseUrl}/health/details`, { headers: { authorization: `Bearer ${world.operatorToken}` } });
    const checks = ((await details.json()) as { checks: Record<string, { state?: string; parkedTenants?: number }> }).checks;
    for (const follower of ['projector', 'auditProjection', 'publisher']) expect(checks[follower]).toMatchObject({ status: 'up', state: 'active', parkedTenants: 0 });
  });
});
