import { CreateEventStore1732500000000 } from './1732500000000-create-event-store';
import { EventTimeAndTenant1765000000000 } from './1765000000000-event-time-and-tenant';

/** The event store's migrations, in order; composed into the service's list in libs/platform. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const eventStoreMigrations: Function[] = [CreateEventStore1732500000000, EventTimeAndTenant1765000000000];
