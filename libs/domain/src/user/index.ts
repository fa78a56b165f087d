export * from './user.commands';
export * from './user.state';
export * from './user.decide';
export * from './user.decider';
