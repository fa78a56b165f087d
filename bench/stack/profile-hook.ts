/**
 * Preloaded into a service the benchmark profiles (`node --require dist/bench/stack/profile-hook.js`):
 * SIGUSR2 starts V8's CPU profiler, the next SIGUSR2 stops it and writes the profile to
 * $BENCH_PROFILE_FILE. So a profile holds the measured requests only, not start-up or warm-up.
 *
 * Beside it, `<file>.cpu.json` holds the process's CPU time over the same interval
 * (`process.cpuUsage`): the profiler samples wall time, so on a loaded machine a sample also
 * counts the time the process waited for a core; the CPU time does not.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

let session: Session | undefined;
let cpuAtStart: NodeJS.CpuUsage | undefined;
let wallAtStart = 0;

process.on('SIGUSR2', () => {
  if (!session) {
    const started = new Session();
    started.connect();
    started.post('Profiler.enable', () =>
      started.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
        started.post('Profiler.start', () => {
          cpuAtStart = process.cpuUsage();
          wallAtStart = performance.now();
        }),
      ),
    );
    session = started;
    return;
  }
  const running = session;
  session = undefined;
  const cpu = cpuAtStart ? process.cpuUsage(cpuAtStart) : undefined;
  const wallMs = performance.now() - wallAtStart;
  running.post('Profiler.stop', (error, result) => {
    const file = process.env.BENCH_PROFILE_FILE;
    if (!error && file) {
      if (cpu)
        writeFileSync(`${file}.cpu.json`, JSON.stringify({ userMicros: cpu.user, systemMicros: cpu.system, wallMs }));
      writeFileSync(file, JSON.stringify(result.profile));
    }
    running.disconnect();
  });
});
