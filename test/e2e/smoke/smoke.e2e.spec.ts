import { useTestApp } from '../../support/scim-harness';
import { Kafka, logLevel } from 'kafkajs';
import { startTestApp } from '../../support/app';

describe('smoke: the service on real PostgreSQL and a real Kafka broker', () => {
  const app = useTestApp();

  it('answers liveness', async () => {
    const response = await fetch(`${app.baseUrl}/health/live`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('ok');
  });

  it(
    'answers readiness after querying PostgreSQL, the event store and the followers: up/down ' + 'only, no internals',
    async () => {
      const response = await fetch(`${app.baseUrl}/health/ready`);
      const body = (await response.json()) as { details: Record<string, Record<string, unknown>> };
      expect(response.status).toBe(200);
      for (const check of ['database', 'eventStore', 'projector', 'auditProjection', 'publisher'])
        expect(body.details[check]).toEqual({ status: 'up' });
    },
  );

  it('gives the details (positions, follower states) to the operator only', async () => {
    expect((await fetch(`${app.baseUrl}/health/details`)).status).toBe(401);
    const response = await fetch(`${app.baseUrl}/health/details`, {
      headers: { authorization: `Bearer ${app.operatorToken}` },
    });
    const body = (await response.json()) as { checks: Record<string, Record<string, unknown>> };
    expect(response.status).toBe(200);
    expect(typeof body.checks.eventStore!.headPosition).toBe('number');
    expect(body.checks.projector).toMatchObject({
      status: 'up',
      state: expect.stringMatching(/active|standby/),
      lagEvents: expect.any(Number),
      parkedTenants: 0,
    });
  });

  it('serves Prometheus metrics', async () => {
    const response = await fetch(`${app.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('process_cpu_user_seconds_total');
  });

  it('answers an unknown route with a SCIM error body, not the framework default', async () => {
    const response = await fetch(`${app.baseUrl}/no/such/route`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/scim+json');
    expect(await response.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
      detail: expect.any(String),
    });
  });

  it('round-trips a message through the real broker with kafkajs (idempotent producer, acks=all)', async () => {
    const brokers = process.env.SCIM_TEST_KAFKA_BROKERS;
    expect(brokers).toBeTruthy();
    const kafka = new Kafka({ clientId: 'smoke', brokers: brokers!.split(','), logLevel: logLevel.NOTHING });
    const topic = `smoke-${Date.now()}`;
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const consumer = kafka.consumer({ groupId: `smoke-${Date.now()}` });
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'tenant:user', value: JSON.stringify({ hello: 'kafka' }) }],
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = await new Promise<string>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) });
      });
      expect(JSON.parse(received)).toEqual({ hello: 'kafka' });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
    }
  });
});

describe('readiness checks Kafka when it is configured', () => {
  type Ready = {
    status: string;
    details?: Record<string, { status: string }>;
    error?: Record<string, { status: string; message?: string }>;
  };

  it("is ready with the run's broker, and reports the publisher and Kafka up", async () => {
    const app = await startTestApp({ KAFKA_BROKERS: process.env.SCIM_TEST_KAFKA_BROKERS! });
    try {
      const response = await fetch(`${app.baseUrl}/health/ready`);
      const body = (await response.json()) as Ready;
      expect(response.status).toBe(200);
      expect(body.details!.kafka.status).toBe('up');
      expect(body.details!.publisher.status).toBe('up');
    } finally {
      await app.close();
    }
  });

  it('is not ready when the configured broker does not answer, and says Kafka is why', async () => {
    const app = await startTestApp({ KAFKA_BROKERS: '127.0.0.1:1' });
    try {
      const response = await fetch(`${app.baseUrl}/health/ready`);
      const body = (await response.json()) as Ready;
      expect(response.status).toBe(503);
      // why (which host, which error) is in the log and /health/details
      expect(body.error!.kafka).toEqual({ status: 'down' });
      expect(body.details!.database.status).toBe('up');
    } finally {
      await app.close();
    }
  });
});
