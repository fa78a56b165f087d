import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { onCleanup } from '../stack/cleanup';
import { stopChild } from '../stack/child';
import type { DeactivationStats, Job, Response, Stats } from './protocol';

/** The orchestrator's handle on the separate load-generator process (load/worker.ts). */
export class LoadProcess {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: Stats | DeactivationStats) => void; reject: (e: Error) => void }
  >();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: Response) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`load process: ${message.error}`));
    });
    child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`load process exited (code ${code}, signal ${signal})`));
      this.pending.clear();
    });
  }

  static start(): LoadProcess {
    const child = fork(join(__dirname, 'worker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    onCleanup('load process', () => stopChild(child, 'SIGTERM', 5_000));
    return new LoadProcess(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  run<T extends Stats = Stats>(job: Job, timeoutMs: number): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`load job ${job.kind} did not finish within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ id, job });
    });
  }
}
