export * from './user-name.decider';
