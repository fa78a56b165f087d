export * from './checkpoint-waiter';
export * from './not-visible-error';
export * from './read-model-member-directory';
