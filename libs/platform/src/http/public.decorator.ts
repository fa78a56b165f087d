import { SetMetadata } from '@nestjs/common';

/** Routes are authenticated by default; this marks the few that are not (health, metrics). */
export const IS_PUBLIC = 'isPublic';
export const Public = () => SetMetadata(IS_PUBLIC, true);
