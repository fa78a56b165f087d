import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CreateTenant } from '@lib/domain';
import type { WriteResult } from '../../shared/command-result';

/** Register a tenant (no SCIM yet). */
export class CreateTenantCommand extends Command<WriteResult> {
  constructor(readonly input: { command: Omit<CreateTenant, 'type'>; metadata: CommandMetadata }) {
    super();
  }
}
