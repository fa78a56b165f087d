import { Injectable } from '@nestjs/common';

export interface ReadinessResult {
  up: boolean;
  details?: Record<string, unknown>;
}

export type ReadinessCheck = () => Promise<ReadinessResult>;

/**
 * Each component (database, event store, Kafka, projector, publisher) registers how to tell
 * whether it can serve; readiness is the conjunction of what is registered in this process.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): Array<[string, ReadinessCheck]> {
    return [...this.checks.entries()];
  }
}
