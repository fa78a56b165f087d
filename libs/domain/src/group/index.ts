export * from './group.commands';
export * from './group.state';
export * from './group.decide';
export * from './group.decider';
