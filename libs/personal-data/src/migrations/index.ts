import { CreatePersonalDataKeys1765800000000 } from './1765800000000-create-personal-data-keys';

/** The personal-data library's migrations, in order; composed into the service's list in libs/platform. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const personalDataMigrations: Function[] = [CreatePersonalDataKeys1765800000000];
