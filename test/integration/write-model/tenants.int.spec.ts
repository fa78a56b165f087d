import { tenantStream } from '@lib/domain';
import {
  CreateTenantCommand,
  DisableScimCommand,
  EnableScimCommand,
  IssueScimApiKeyCommand,
  ToggleBasicAuthCommand,
} from '@lib/write-model';
import { metadata, useWriteModel } from './harness';

// The project-level testTimeout does not reach tests under jest 30's projects; real servers need more than 5 s.
jest.setTimeout(60_000);

describe('write model: tenants on PostgreSQL', () => {
  const wm = useWriteModel();

  it('runs the SCIM setup flow and writes nothing for repeats', async () => {
    const tenantId = 'acme';
    const md = () => metadata(tenantId);
    const at = '2026-01-01T00:00:00.000Z';
    await wm.commandBus.execute(new CreateTenantCommand({ command: { tenantId, name: 'Acme' }, metadata: md() }));
    await wm.commandBus.execute(new EnableScimCommand({ command: { tenantId, idpProfile: 'entra' }, metadata: md() }));
    await wm.commandBus.execute(
      new IssueScimApiKeyCommand({ command: { tenantId, keyId: 'k1', keyHash: 'sha256:aa', at }, metadata: md() }),
    );
    await wm.commandBus.execute(
      new IssueScimApiKeyCommand({
        command: { tenantId, keyId: 'k2', keyHash: 'sha256:bb', at, rotation: { graceSeconds: 0 } },
        metadata: md(),
      }),
    );
    const repeat = await wm.commandBus.execute(
      new ToggleBasicAuthCommand({ command: { tenantId, enabled: false }, metadata: md() }),
    );
    expect(repeat.changed).toBe(false);
    await wm.commandBus.execute(new DisableScimCommand({ command: { tenantId, at }, metadata: md() }));
    expect((await wm.store.readStream(tenantStream(tenantId))).map((e) => e.type)).toEqual([
      'TenantCreated',
      'ScimEnabled',
      'ScimApiKeyIssued',
      'ScimApiKeyIssued',
      'ScimApiKeyRevoked',
      'ScimApiKeyRevoked',
      'ScimDisabled',
    ]);
    await expect(
      wm.commandBus.execute(new CreateTenantCommand({ command: { tenantId, name: 'Again' }, metadata: md() })),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});
