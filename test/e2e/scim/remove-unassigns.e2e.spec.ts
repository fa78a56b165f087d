import { givenUser, patch } from './steps';
import { useScimService } from '../../support/scim-harness';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, user } from '../../support/scim';
import { expectList, expectResource, expectScimError, filterQuery, type Json } from './expect-scim';

/**
 * Issue 15, item 2: `{"op":"remove","path":"active"}` (and every other removable single-valued
 * attribute) makes the attribute unassigned (RFC 7644 §3.5.2.2): absent from the representation,
 * a new version and lastModified. An unassigned `active` grants access, as a create without
 * `active` does, and the audit API and Kafka record it. Strict (generic) profile, with the
 * service publishing to the run's Kafka broker on topics of its own.
 */
const WAIT_MS = 60_000;

async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('PATCH remove makes a single-valued attribute unassigned (generic profile)', () => {
  const suffix = randomBytes(4).toString('hex');
  const topics = { lifecycle: `e2e-unassign-lifecycle-${suffix}`, audit: `e2e-unassign-audit-${suffix}` };
  const { app, scim } = useScimService({
    env: {
      KAFKA_BROKERS: process.env.SCIM_TEST_KAFKA_BROKERS!,
      KAFKA_TOPIC_USER_LIFECYCLE: topics.lifecycle,
      KAFKA_TOPIC_AUDIT_LOG: topics.audit,
      KAFKA_TOPIC_ROLE_CHANGES: `e2e-unassign-roles-${suffix}`,
      KAFKA_TOPIC_PARTITIONS: '1',
    },
  });

  const read = async (id: string) => expectResource(await scim.call('GET', `/Users/${id}`), 200, scim, 'User');
  const listIds = async (filter: string) =>
    expectList(await scim.call('GET', `/Users?${filterQuery(filter)}`), scim, 'User').map((u) => u.id);

  /** given: a user created inactive (each case its own, so no case depends on another's order). */
  const givenInactive = async (name: string) =>
    (await givenUser(scim, user(`${name}@unassign.example`, { active: false }))).id as string;
  const removeActive = (id: string) => scim.call('PATCH', `/Users/${id}`, patch({ op: 'remove', path: 'active' }));
  /** given: an inactive user whose active was removed (unassigned). */
  const givenUnassigned = async (name: string) => {
    const id = await givenInactive(name);
    expectResource(await removeActive(id), 200, scim, 'User');
    return id;
  };
  /** After the remove: removed again, assigned true, unassigned by a null value; the answers in order. */
  const removeAgainAssignUnassign = async (id: string) => [
    await scim.call('PATCH', `/Users/${id}`, patch({ op: 'Remove', path: 'Active' })),
    await scim.call('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: true })),
    await scim.call('PATCH', `/Users/${id}`, patch({ op: 'replace', value: { active: null } })),
  ];
  /** given: the whole history the audit and Kafka record (five events). */
  const givenHistory = async (name: string) => {
    const id = await givenUnassigned(name);
    for (const response of await removeAgainAssignUnassign(id)) expectResource(response, 200, scim, 'User');
    return id;
  };

  it('remove active on an inactive user: 200, active absent, a new version and lastModified', async () => {
    const ivyId = await givenInactive('ivy');
    const before = await read(ivyId);
    expect(before.active).toBe(false);
    const body = expectResource(await removeActive(ivyId), 200, scim, 'User');
    expect(body).not.toHaveProperty('active');
    expect(body.meta.version).not.toBe(before.meta.version);
    expect(Date.parse(body.meta.lastModified)).toBeGreaterThan(Date.parse(before.meta.lastModified));
    const after = await read(ivyId);
    expect(after).not.toHaveProperty('active');
    expect(after.meta.version).toBe(body.meta.version);
  });

  it('filters see it absent: neither active eq true nor eq false, not active pr, but not (active pr)', async () => {
    const ivyId = await givenUnassigned('ivy-filtered');
    expect(await listIds('active eq false')).not.toContain(ivyId);
    expect(await listIds('active eq true')).not.toContain(ivyId);
    expect(await listIds('active pr')).not.toContain(ivyId);
    expect(await listIds('not (active pr)')).toContain(ivyId);
  });

  it('removing it again changes nothing (same version); sending a value assigns it again', async () => {
    const ivyId = await givenUnassigned('ivy-again');
    const before = await read(ivyId);
    const [again, assigned, unassigned] = (await removeAgainAssignUnassign(ivyId)).map((response) =>
      expectResource(response, 200, scim, 'User'),
    );
    expect(again.meta.version).toBe(before.meta.version);
    expect(assigned.active).toBe(true);
    expect(assigned.meta.version).not.toBe(before.meta.version);
    expect(unassigned).not.toHaveProperty('active');
  });

  it(
    'the audit API records the attribute change and the access it gives back (the rule of a ' +
      'create without active)',
    async () => {
      const ivyId = await givenHistory('ivy-audited');
      const issued = await fetch(`${app.baseUrl}/admin/tenants/${scim.tenantId}/auditors`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.operatorToken}` },
      });
      expect(issued.status).toBe(201);
      const { secret } = (await issued.json()) as { secret: string };
      const audit = async (path: string) => {
        const response = await fetch(`${app.baseUrl}/audit/v1/${scim.tenantId}${path}`, {
          headers: { authorization: `Bearer ${secret}` },
        });
        expect(response.status).toBe(200);
        return (await response.json()) as { Resources: Json[] };
      };
      const timeline = await eventually('the audit timeline', async () => {
        const { Resources } = await audit(`/users/${ivyId}/timeline`);
        return Resources.length >= 5 ? Resources : undefined;
      });
      expect(timeline.map((entry) => [entry.action, entry.changes])).toEqual([
        ['user.provisioned', expect.arrayContaining([{ path: 'active', before: null, after: false }])],
        ['user.updated', [{ path: 'active', before: false, after: null }]],
        ['user.reactivated', [{ path: 'active', before: false, after: true }]],
        ['user.updated', [{ path: 'active', before: null, after: true }]],
        ['user.updated', [{ path: 'active', before: true, after: null }]],
      ]);
      const { Resources: access } = await audit(
        `/access?at=${encodeURIComponent(new Date().toISOString())}&user=${ivyId}`,
      );
      expect(access).toEqual([expect.objectContaining({ userId: ivyId, activeSince: timeline[2].at })]);
    },
  );

  describe('Kafka', () => {
    let kafka: Kafka;
    let consumer: Consumer;
    const received: Array<{ topic: string; body: Json }> = [];
    beforeAll(async () => {
      kafka = new Kafka({
        clientId: `e2e-unassign-${suffix}`,
        brokers: process.env.SCIM_TEST_KAFKA_BROKERS!.split(','),
        logLevel: logLevel.NOTHING,
      });
      const admin = kafka.admin();
      await admin.connect();
      // The publisher creates its topics: subscribe once they exist.
      await eventually('the publisher topics', async () => {
        const existing = await admin.listTopics();
        return existing.includes(topics.lifecycle) && existing.includes(topics.audit) ? true : undefined;
      });
      await admin.disconnect();
      consumer = kafka.consumer({ groupId: `e2e-unassign-${suffix}` });
      await consumer.connect();
      await consumer.subscribe({ topics: [topics.lifecycle, topics.audit], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ topic, message }) =>
          void received.push({ topic, body: JSON.parse(message.value!.toString()) as Json }),
      });
    });
    afterAll(() => consumer?.disconnect());

    it(
      'publishes user.reactivated on the lifecycle topic and the attribute changes as ' + 'audit.change user.updated',
      async () => {
        const ivyId = await givenHistory('ivy-published');
        const ofIvy = (topic: string) =>
          received.filter((m) => m.topic === topic && m.body.subject?.id === ivyId).map((m) => m.body);
        const audit = await eventually('the audit-log messages', async () => {
          const messages = ofIvy(topics.audit);
          return messages.length >= 5 ? messages : undefined;
        });
        expect(audit.map((m) => [m.data.action, m.data.changes])).toEqual([
          ['user.provisioned', expect.arrayContaining([{ path: 'active', before: null, after: false }])],
          ['user.updated', [{ path: 'active', before: false, after: null }]],
          ['user.reactivated', [{ path: 'active', before: false, after: true }]],
          ['user.updated', [{ path: 'active', before: null, after: true }]],
          ['user.updated', [{ path: 'active', before: true, after: null }]],
        ]);
        // The two topics are fetched independently: wait for the lifecycle one too.
        const lifecycle = await eventually('the lifecycle message', async () => {
          const messages = ofIvy(topics.lifecycle);
          return messages.length >= 1 ? messages : undefined;
        });
        expect(lifecycle.map((m) => m.type)).toEqual(['user.reactivated']);
        // v2: the user by id only, no personal value (docs/kafka.md).
        expect(lifecycle[0]).toMatchObject({ tenantId: scim.tenantId, version: 2, data: { userId: ivyId } });
        expect(JSON.stringify([...audit, ...lifecycle])).not.toContain('ivy-published@unassign.example');
      },
    );
  });

  describe('every other removable single-valued attribute', () => {
    const E = ENTERPRISE_SCHEMA;
    const full = (name: string) => ({
      ...user(`${name}@unassign.example`),
      schemas: [user('x').schemas[0], E],
      externalId: 'ext-full',
      displayName: 'Full User',
      nickName: 'Fully',
      profileUrl: 'https://example.com/full',
      title: 'Lead',
      userType: 'Employee',
      preferredLanguage: 'en-GB',
      locale: 'en-GB',
      timezone: 'Europe/London',
      [E]: {
        employeeNumber: '42',
        costCenter: 'CC',
        organization: 'Org',
        division: 'Div',
        department: 'Dept',
        manager: { value: 'm-1' },
      },
    });
    const paths = [
      'externalId',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'name.givenName',
      'name',
      `${E}:employeeNumber`,
      `${E}:costCenter`,
      `${E}:organization`,
      `${E}:division`,
      `${E}:department`,
      `${E}:manager`,
    ];
    /** given: a user with every removable attribute, of its own (a removal changes it for good). */
    const givenFull = async (name: string) => (await givenUser(scim, full(name))).id as string;
    const remove = (id: string, path: string) => scim.call('PATCH', `/Users/${id}`, patch({ op: 'remove', path }));

    const valueAt = (resource: Json, path: string): unknown => {
      if (path.startsWith(E)) return resource[E]?.[path.slice(E.length + 1)];
      const [attribute, sub] = path.split('.');
      return sub ? resource[attribute]?.[sub] : resource[attribute];
    };

    it.each(paths)('remove %s: absent afterwards, with a new version and lastModified', async (path) => {
      const fullId = await givenFull(`full-${path.split(':').pop()}`);
      const before = await read(fullId);
      expect(valueAt(before, path)).toBeDefined();
      const body = expectResource(await remove(fullId, path), 200, scim, 'User');
      expect(valueAt(body, path)).toBeUndefined();
      expect(body.meta.version).not.toBe(before.meta.version);
      expect(Date.parse(body.meta.lastModified)).toBeGreaterThan(Date.parse(before.meta.lastModified));
      expect(valueAt(await read(fullId), path)).toBeUndefined();
    });

    it('and once the last enterprise attribute is gone, so is the extension and its schema URN', async () => {
      const fullId = await givenFull('full');
      for (const path of paths.filter((p) => p.startsWith(E)))
        expectResource(await remove(fullId, path), 200, scim, 'User');
      const body = await read(fullId);
      expect(body).not.toHaveProperty(E);
      expect(body.schemas).toEqual([user('x').schemas[0]]);
      expect(body.userName).toBe('full@unassign.example');
    });

    it('a required or readOnly attribute cannot be removed', async () => {
      const fullId = await givenFull('full-required');
      expectScimError(await remove(fullId, 'userName'), 400, 'invalidValue');
      expectScimError(await remove(fullId, 'id'), 400, 'mutability');
    });

    it("a group's externalId too: 204, then absent", async () => {
      const group = expectResource(
        await scim.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Unassigned', externalId: 'gx' }),
        201,
        scim,
        'Group',
      );
      const response = await scim.call('PATCH', `/Groups/${group.id}`, patch({ op: 'remove', path: 'externalId' }));
      expect(response.status).toBe(204);
      const after = expectResource(await scim.call('GET', `/Groups/${group.id}`), 200, scim, 'Group');
      expect(after).not.toHaveProperty('externalId');
      expect(after.meta.version).not.toBe(group.meta.version);
    });
  });
});
