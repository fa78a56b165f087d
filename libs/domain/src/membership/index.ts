export * from './membership.decider';
