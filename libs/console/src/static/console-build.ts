import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build` puts the console's static files, relative to the repository root. */
export const CONSOLE_BUILD_DIR = join('dist', 'console');

/**
 * The built console: the first `dist/console/index.html` found walking up from this file, which
 * finds it from the sources (tests, ts-node) and from dist/ (npm start) alike. Undefined when the
 * console has not been built.
 */
export function findConsoleBuild(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, CONSOLE_BUILD_DIR);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
