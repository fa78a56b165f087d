export * from './membership.decider';
export * from './membership-version';
