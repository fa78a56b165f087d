import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The embedded quickstart has no configured operator credential: make one, keep it in
 * DATA_DIR/operator-token so the CLI and later starts use the same one. The file is made
 * owner-only (600) on every start, not only when created: a copy or an umask may have widened it.
 */
export function embeddedOperatorToken(dataDir: string): { token: string; file: string; created: boolean } {
  const dir = resolve(dataDir);
  const file = join(dir, 'operator-token');
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return { token: readFileSync(file, 'utf8').trim(), file, created: false };
  }
  mkdirSync(dir, { recursive: true });
  const token = `op_${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, file, created: true };
}
