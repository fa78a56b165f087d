import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, isResourceId, userStream, type CommandMetadata } from '@lib/domain';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { currentRequest } from '@lib/platform';
import { ProvisioningLogRecorder, ProvisioningLogRepository, TenantAdminService } from '@lib/tenancy';
import { EraseUserCommand, type WriteResult } from '@lib/write-model';
import { ReadYourWrites } from '../scim/shared/read-your-writes';
import { GATEWAY_CLOCK, type GatewayClock } from '../scim/shared/write-context';
import { personalValuesOf } from './personal-values';

export interface ErasureReport {
  tenantId: string;
  userId: string;
  /** false when the person was erased already (the call only made sure the key is gone). */
  erased: boolean;
  /** Provisioning-log rows whose personal fields were erased. */
  provisioningLogRows: number;
  /** Global position of UserErased: the read model and the audit have applied it when this answers. */
  position: number;
}

/**
 * Right to erasure (docs/erasure.md), in an order that can be repeated after any failure:
 * 1. read the person's history in clear and erase their values from the provisioning log;
 * 2. the EraseUser command: UserDeleted (if still there) and UserErased appended, then the data
 *    key destroyed, after which every event of the person reads as erased;
 * 3. answer once the read model has applied it (the SCIM resource is gone).
 */
@Injectable()
export class UserErasureService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly tenants: TenantAdminService,
    private readonly provisioningLog: ProvisioningLogRepository,
    private readonly recorder: ProvisioningLogRecorder,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(GATEWAY_CLOCK) private readonly clock: GatewayClock,
  ) {}

  async erase(tenantId: string, userId: string): Promise<ErasureReport> {
    await this.tenants.getTenant(tenantId);
    const history = isResourceId(userId) ? await this.store.readStream(userStream(tenantId, userId)) : [];
    if (history.length === 0) throw new DomainError('not_found', `user ${userId} not found`, 'erasure.user.not_found');
    // Rows this process still buffers are written first, so the erasure reaches them too.
    await this.recorder.flush();
    const provisioningLogRows = await this.provisioningLog.erasePersonalData(
      tenantId,
      userId,
      personalValuesOf(history),
    );
    const result: WriteResult = await this.commands.execute(
      new EraseUserCommand({ tenantId, userId, metadata: this.metadata(tenantId) }),
    );
    await this.readYourWrites.waitFor({ tenantId, position: result.lastGlobalPosition });
    return { tenantId, userId, erased: result.changed, provisioningLogRows, position: result.lastGlobalPosition };
  }

  private metadata(tenantId: string): CommandMetadata {
    const requestId = currentRequest()?.requestId ?? randomUUID();
    return {
      tenantId,
      actor: { kind: 'operator' },
      requestId,
      correlationId: requestId,
      causationId: randomUUID(),
      occurredAt: this.clock().toISOString(),
    };
  }
}
