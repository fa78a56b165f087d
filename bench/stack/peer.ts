import { join } from 'node:path';
import { onCleanup } from './cleanup';
import { spawnWithTail, stopChild, waitUntil } from './child';

/** bench/peer/scimmy-server.mjs (ESM-only SCIMMY) in its own process, seeded with `users`. */
export async function startPeer(
  repoRoot: string,
  users: number,
  log: (line: string) => void,
): Promise<{ base: string }> {
  const { child, tail } = spawnWithTail(
    process.execPath,
    [
      '--max-old-space-size=4096',
      join(repoRoot, 'bench/peer/scimmy-server.mjs'),
      '--port',
      '0',
      '--users',
      String(users),
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  onCleanup('peer (scimmy)', () => stopChild(child, 'SIGTERM', 10_000));
  let base: string | undefined;
  await waitUntil('peer', 300_000, async () => {
    if (child.exitCode !== null) throw new Error(`peer exited: ${tail()}`);
    base = /PEER_URL=(\S+)/.exec(tail())?.[1];
    return base !== undefined;
  });
  log(`peer: scimmy 1.3.5 + scimmy-routers 1.3.2 (express 5, in-memory, ${users} users seeded) at ${base}`);
  return { base: base! };
}
