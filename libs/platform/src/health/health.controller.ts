import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { RequiresAuth } from '../http/auth-scheme.decorator';
import { Public } from '../http/public.decorator';
import { LOGGER } from '../logging/logger';
import { LivenessChecks } from './liveness-checks';
import { OperatorTokenGuard } from './operator-token.guard';
import { ReadinessChecks, type ReadinessResult } from './readiness-checks';

const CHECK_TIMEOUT_MS = 3000;

type CheckOutcome = { up: boolean; details: Record<string, unknown> };

@ApiTags('Health')
@Controller('health')
export class HealthController {
  private readonly lastUp = new Map<string, boolean>();

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessChecks,
    private readonly liveness: LivenessChecks,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Liveness: the process answers and its own loops run. No dependency is checked, so a database outage restarts
   * nothing.
   */
  @ApiOperation({ summary: 'Liveness: the process answers and its loops run' })
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([
      async () => this.indicators.check('process').up(),
      ...this.liveness.entries().map(
        ([name, alive]) =>
          async () =>
            alive() ? this.indicators.check(name).up() : this.indicators.check(name).down(),
      ),
    ]);
  }

  /**
   * Readiness: every dependency this process uses can serve. Unauthenticated, so the body says
   * only up or down per check: what went wrong (hosts, ports, event ids) goes to the log and to
   * GET /health/details.
   */
  @ApiOperation({ summary: 'Readiness: database, event store, followers and Kafka can serve (up/down per check)' })
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.readiness.entries().map(([name]) => async () => {
        const outcome = await this.run(name);
        return outcome.up ? this.indicators.check(name).up() : this.indicators.check(name).down();
      }),
    );
  }

  /** The same checks with their details and errors, for operators (Bearer OPERATOR_TOKEN). */
  @ApiOperation({ summary: 'Readiness with details (operator token): state, positions, lag, parked events, errors' })
  @RequiresAuth('operator')
  @UseGuards(OperatorTokenGuard)
  @Get('details')
  async details() {
    const checks: Record<string, Record<string, unknown>> = {};
    for (const [name] of this.readiness.entries()) {
      const outcome = await this.run(name);
      checks[name] = { status: outcome.up ? 'up' : 'down', ...outcome.details };
    }
    const up = Object.values(checks).every((check) => check.status === 'up');
    return { status: up ? 'ok' : 'error', checks };
  }

  private async run(name: string): Promise<CheckOutcome> {
    const check = this.readiness.entries().find(([entry]) => entry === name)?.[1];
    let outcome: CheckOutcome;
    try {
      const result: ReadinessResult = await withTimeout(check!(), CHECK_TIMEOUT_MS);
      outcome = { up: result.up, details: withoutReservedStatus(result.details ?? {}) };
    } catch (error) {
      outcome = { up: false, details: { message: error instanceof Error ? error.message : String(error) } };
    }
    this.logChange(name, outcome);
    return outcome;
  }

  /** One log line when a check goes down (with why) and one when it is back: not one per probe. */
  private logChange(name: string, outcome: CheckOutcome): void {
    const before = this.lastUp.get(name);
    this.lastUp.set(name, outcome.up);
    if (before === outcome.up || (before === undefined && outcome.up)) return;
    if (outcome.up) this.logger.info({ check: name }, 'readiness check is up again');
    else this.logger.warn({ check: name, details: outcome.details }, 'readiness check is down');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Terminus owns the `status` key of each check; a component's own status is reported as `state`. */
function withoutReservedStatus(details: Record<string, unknown>): Record<string, unknown> {
  if (!('status' in details)) return details;
  const { status, ...rest } = details;
  return { state: status, ...rest };
}
