import type { ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@lib/event-store';
import { MEMBER_DIRECTORY } from '../shared/tokens';
import { WriteModelModule } from '../write-model.module';
import { EventsTableMemberDirectoryForTests } from './events-table-member-directory';

/**
 * FOR TESTS ONLY: the modules of a write model on `store`, its member directory the events table
 * read through `pool`.
 */
export function writeModelImportsForTests(store: EventStore, pool: Pool): NonNullable<ModuleMetadata['imports']> {
  return [
    CqrsModule.forRoot(),
    WriteModelModule.register({
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: MEMBER_DIRECTORY, useValue: new EventsTableMemberDirectoryForTests(pool) },
      ],
    }),
  ];
}
