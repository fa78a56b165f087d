import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The embedded quickstart has no configured operator credential: make one, keep it in
 * DATA_DIR/operator-token (mode 600) so the CLI and later starts use the same one.
 */
export function embeddedOperatorToken(dataDir: string): { token: string; file: string; created: boolean } {
  const dir = resolve(dataDir);
  const file = join(dir, 'operator-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), file, created: false };
  mkdirSync(dir, { recursive: true });
  const token = `op_${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, file, created: true };
}
