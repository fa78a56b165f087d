import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedOperatorToken } from './operator-token';

describe('the embedded operator token file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'operator-token-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const mode = (file: string) => statSync(file).mode & 0o777;

  it('is created owner-only and read back on the next start', () => {
    const first = embeddedOperatorToken(dir);
    expect(first.created).toBe(true);
    expect(mode(first.file)).toBe(0o600);
    const second = embeddedOperatorToken(dir);
    expect(second).toEqual({ token: first.token, file: first.file, created: false });
  });

  it('is made owner-only again on every start when something widened it', () => {
    const { file, token } = embeddedOperatorToken(dir);
    chmodSync(file, 0o644);
    expect(embeddedOperatorToken(dir).token).toBe(token);
    expect(mode(file)).toBe(0o600);
  });
});
