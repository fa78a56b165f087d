import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../http/public.decorator';
import { ReadinessChecks } from './readiness-checks';

const CHECK_TIMEOUT_MS = 3000;

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessChecks,
  ) {}

  /** Liveness: the process answers. Nothing external is checked, so a database outage does not restart us. */
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([async () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  /** Readiness: every dependency this process uses can serve. */
  @ApiOperation({ summary: 'Readiness: database, event store, projector and publisher can serve' })
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.readiness.entries().map(([name, check]) => async () => {
        const session = this.indicators.check(name);
        try {
          const result = await withTimeout(check(), CHECK_TIMEOUT_MS);
          const details = withoutReservedStatus(result.details ?? {});
          return result.up ? session.up(details) : session.down(details);
        } catch (error) {
          return session.down({ message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
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
