import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { currentRequest, PG_POOL, RequiresAuth } from '@lib/platform';
import { OperatorGuard } from '@lib/tenancy';
import { RecordParkedEventSkipCommand } from '@lib/write-model';
import { PARKED_STATUSES, type ParkedEvent, type ParkedStatus } from '../parking/parked-event';
import { followerStatuses } from './follower-status';
import { ParkedEventNotFoundError, ParkedEventsAdmin, ParkedEventStateError } from './parked-events-admin';

/**
 * The operator's view of the followers and their parked (poison) events: list, retry after a
 * fix, skip (recorded in the tenant's audit log with the operator as actor). The active follower
 * instance picks a request up within a second or two and replays the tenant's held events.
 */
@ApiTags('Admin: followers')
@Controller('admin')
@RequiresAuth('operator')
@UseGuards(OperatorGuard)
export class ParkedEventsController {
  private readonly parked: ParkedEventsAdmin;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly commands: CommandBus,
  ) {
    this.parked = new ParkedEventsAdmin(pool);
  }

  @ApiOperation({
    summary: 'Followers (projector, audit projector, publisher): active instance, state, position, lag, parked tenants',
  })
  @Get('followers')
  async followers() {
    return { followers: await followerStatuses(this.pool, await this.eventStore.headPosition()) };
  }

  @ApiOperation({ summary: 'Parked events, newest first (filters: tenantId, follower, status, limit)' })
  @Get('parked-events')
  async list(
    @Query('tenantId') tenantId?: string,
    @Query('follower') follower?: string,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
  ) {
    if (status !== undefined && !PARKED_STATUSES.includes(status as ParkedStatus))
      throw new BadRequestException(`status must be one of ${PARKED_STATUSES.join(', ')}.`);
    const max = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000)
      throw new BadRequestException('limit must be an integer from 1 to 1000.');
    return {
      parkedEvents: await this.parked.list({
        tenantId,
        follower,
        status: status as ParkedStatus | undefined,
        limit: max,
      }),
    };
  }

  @ApiOperation({ summary: 'One parked event' })
  @Get('parked-events/:id')
  get(@Param('id') id: string) {
    return this.found(() => this.parked.get(parseId(id)));
  }

  @ApiOperation({ summary: "Retry a parked event after the cause was fixed: then its tenant's held events, in order" })
  @Post('parked-events/:id/retry')
  @HttpCode(202)
  retry(@Param('id') id: string) {
    return this.found(() => this.parked.requestRetry(parseId(id), 'operator'));
  }

  @ApiOperation({ summary: 'Skip a parked event for good (recorded in the audit log): its tenant goes on after it' })
  @Post('parked-events/:id/skip')
  @HttpCode(202)
  skip(@Param('id') id: string) {
    return this.found(async () => {
      const parked = await this.parked.get(parseId(id));
      if (parked.status !== 'parked') throw new ParkedEventStateError(parked, 'skip');
      await this.recordSkip(parked);
      return this.parked.requestSkip(parked.id, 'operator');
    });
  }

  /** The skip goes into the tenant's stream first: a skip that happened always has its audit record. */
  private async recordSkip(parked: ParkedEvent): Promise<void> {
    const requestId = currentRequest()?.requestId ?? randomUUID();
    await this.commands.execute(
      new RecordParkedEventSkipCommand({
        command: {
          tenantId: parked.tenantId,
          follower: parked.follower,
          eventId: parked.eventId,
          position: parked.position,
          eventType: parked.eventType,
        },
        metadata: {
          tenantId: parked.tenantId,
          actor: { kind: 'operator' },
          requestId,
          correlationId: requestId,
          causationId: randomUUID(),
          occurredAt: new Date().toISOString(),
        },
      }),
    );
  }

  private async found(work: () => Promise<ParkedEvent>): Promise<{ parkedEvent: ParkedEvent }> {
    try {
      return { parkedEvent: await work() };
    } catch (error) {
      if (error instanceof ParkedEventNotFoundError) throw new NotFoundException(error.message);
      if (error instanceof ParkedEventStateError) throw new ConflictException(error.message);
      throw error;
    }
  }
}

function parseId(id: string): number {
  const n = Number(id);
  if (!/^\d{1,15}$/.test(id) || !Number.isSafeInteger(n)) throw new ParkedEventNotFoundError(id.slice(0, 40));
  return n;
}
