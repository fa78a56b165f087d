export * from './events';
export * from './shared/json';
export * from './shared/errors';
export * from './shared/decider';
