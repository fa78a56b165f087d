import { Environment } from './environment';

/** Injection token of the validated Environment. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export type AppConfig = Environment;
