import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import * as scim from '@lib/scim';

describe('@lib/scim public API', () => {
  it('exports the entry points other modules use', () => {
    for (const name of [
      'parseFilter',
      'printFilter',
      'evaluateFilter',
      'resolveFilter',
      'parsePatchPath',
      'resolvePatchPath',
      'applyPatch',
      'planGroupMemberPatch',
      'projectResource',
      'validateResource',
      'listResponse',
      'validateEnvelope',
      'buildServiceProviderConfig',
      'resourceTypeDocument',
      'ScimError',
      'InvalidFilterError',
      'NoTargetError',
    ]) {
      expect(typeof (scim as Record<string, unknown>)[name]).toBe('function');
    }
    expect(scim.USER_RESOURCE_SCHEMA.core.id).toBe(scim.USER_SCHEMA_URN);
    expect(scim.SCIM_ERROR_URN).toBe('urn:ietf:params:scim:api:messages:2.0:Error');
  });

  it('imports no framework, database or broker code', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const full = join(dir, entry);
        return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
      });
    const forbidden = /from ['"](@nestjs\/|typeorm|pg['"]|kafkajs|@eventstore\/)/;
    const offenders = files(__dirname).filter((file) => forbidden.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
