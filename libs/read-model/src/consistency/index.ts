export * from './checkpoint-waiter';
export * from './read-model-member-directory';
