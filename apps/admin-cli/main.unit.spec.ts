import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorToken, parseArgs, run, toRequest } from './main';

const request = (line: string[]) => {
  const { positional, options } = parseArgs(line);
  return toRequest(positional, options);
};

describe('admin CLI', () => {
  it('maps each command to its admin API call', () => {
    expect(request(['tenant', 'create', 'Acme Corp', '--id', 'acme'])).toEqual({
      method: 'POST',
      path: '/admin/tenants',
      body: { name: 'Acme Corp', id: 'acme' },
    });
    expect(request(['tenant', 'list'])).toEqual({ method: 'GET', path: '/admin/tenants' });
    expect(request(['scim', 'enable', 'acme', '--idp', 'okta'])).toEqual({
      method: 'PUT',
      path: '/admin/tenants/acme/scim',
      body: { idpProfile: 'okta' },
    });
    expect(request(['scim', 'rotate', 'acme', '--grace=300'])).toEqual({
      method: 'POST',
      path: '/admin/tenants/acme/scim/keys/rotate',
      body: { graceSeconds: 300 },
    });
    expect(request(['scim', 'rotate', 'acme'])).toMatchObject({ body: {} });
    expect(request(['scim', 'keys', 'acme'])).toEqual({ method: 'GET', path: '/admin/tenants/acme/scim/keys' });
    expect(request(['scim', 'disable', 'acme'])).toEqual({ method: 'DELETE', path: '/admin/tenants/acme/scim' });
    expect(request(['scim', 'basic-auth', 'acme', 'off'])).toEqual({
      method: 'PUT',
      path: '/admin/tenants/acme/scim/basic-auth',
      body: { enabled: false },
    });
    expect(request(['log', 'acme', '--status', '409', '--user', 'alice'])).toEqual({
      method: 'GET',
      path: '/admin/tenants/acme/provisioning-log?status=409&userName=alice',
    });
    expect(request(['followers'])).toEqual({ method: 'GET', path: '/admin/followers' });
    expect(request(['parked', 'list', '--tenant', 'acme', '--status', 'parked'])).toEqual({
      method: 'GET',
      path: '/admin/parked-events?tenantId=acme&status=parked',
    });
    expect(request(['parked', 'retry', '12'])).toEqual({ method: 'POST', path: '/admin/parked-events/12/retry' });
    expect(request(['parked', 'skip', '12'])).toEqual({ method: 'POST', path: '/admin/parked-events/12/skip' });
    expect(request(['user', 'erase', 'acme', 'u-1'])).toEqual({
      method: 'POST',
      path: '/admin/tenants/acme/users/u-1/erasure',
    });
    expect(request(['keys', 'status'])).toEqual({ method: 'GET', path: '/admin/personal-data/keys' });
    expect(request(['keys', 'rewrap'])).toEqual({ method: 'POST', path: '/admin/personal-data/keys/rewrap' });
  });

  it('explains bad command lines', () => {
    expect(() => request(['scim', 'enable', 'acme'])).toThrow(/--idp/);
    expect(() => request(['scim', 'rotate', 'acme', '--grace', 'soon'])).toThrow(/whole number/);
    expect(() => request(['scim', 'basic-auth', 'acme', 'maybe'])).toThrow(/on or off/);
    expect(() => request(['frobnicate'])).toThrow(/unknown command/);
    expect(() => request(['parked', 'skip', 'abc'])).toThrow(/parked list/);
    expect(() => request(['user', 'erase', 'acme'])).toThrow(/<userId>/);
    expect(() => parseArgs(['log', 'acme', '--status'])).toThrow(/needs a value/);
  });

  it('reads the operator token from the environment, else from DATA_DIR/operator-token', () => {
    expect(operatorToken({ OPERATOR_TOKEN: 'tok ' })).toBe('tok');
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    writeFileSync(join(dir, 'operator-token'), 'from-file\n');
    expect(operatorToken({ DATA_DIR: dir })).toBe('from-file');
    expect(() => operatorToken({ DATA_DIR: join(dir, 'none') })).toThrow(/no operator token/);
  });

  it('fails with a clear message and a non-zero code when the service is unreachable', async () => {
    const result = await run(['tenant', 'list', '--url', 'http://127.0.0.1:9'], { OPERATOR_TOKEN: 'x' });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/cannot reach the admin API at http:\/\/127\.0\.0\.1:9/);
    expect((await run(['nope'], { OPERATOR_TOKEN: 'x' })).code).toBe(2);
  });
});
