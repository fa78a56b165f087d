import { CreateEventStore1732500000000 } from './1732500000000-create-event-store';

/** The event store's migrations, in order; composed into the service's list in libs/platform. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const eventStoreMigrations: Function[] = [CreateEventStore1732500000000];
