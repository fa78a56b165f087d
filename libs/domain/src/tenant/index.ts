export * from './tenant.commands';
export * from './tenant.state';
export * from './tenant.decide';
export * from './tenant.decider';
