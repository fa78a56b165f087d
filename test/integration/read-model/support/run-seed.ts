/**
 * A property test's seed: a new one each run, printed so that a failure can be replayed with
 * `<envName>=<seed>`; fixed when that variable is set.
 */
export function runSeed(envName: string, label: string): number {
  const given = process.env[envName];
  const seed = given !== undefined && given !== '' ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`${envName} must be an integer, not ${given}`);
  process.stdout.write(`${label} seed: ${seed} (replay with ${envName}=${seed})\n`);
  return seed;
}
