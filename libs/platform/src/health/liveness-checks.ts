import { Injectable } from '@nestjs/common';

/**
 * Liveness beyond "the process answers": a component whose own loop died (a bug, not an outage)
 * registers here, so the orchestrator restarts the process. Dependencies never do: a database
 * outage must not restart anything.
 */
@Injectable()
export class LivenessChecks {
  private readonly checks = new Map<string, () => boolean>();

  register(name: string, alive: () => boolean): void {
    this.checks.set(name, alive);
  }

  entries(): Array<[string, () => boolean]> {
    return [...this.checks.entries()];
  }
}
