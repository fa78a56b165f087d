/**
 * Preloaded into a service the benchmark profiles (`node --require dist/bench/stack/profile-hook.js`):
 * SIGUSR2 starts V8's CPU profiler, the next SIGUSR2 stops it and writes the profile to
 * $BENCH_PROFILE_FILE. So a profile holds the measured requests only, not start-up or warm-up.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

let session: Session | undefined;

process.on('SIGUSR2', () => {
  if (!session) {
    const started = new Session();
    started.connect();
    started.post('Profiler.enable', () => started.post('Profiler.setSamplingInterval', { interval: 200 }, () => started.post('Profiler.start')));
    session = started;
    return;
  }
  const running = session;
  session = undefined;
  running.post('Profiler.stop', (error, result) => {
    if (!error && process.env.BENCH_PROFILE_FILE) writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(result.profile));
    running.disconnect();
  });
});
