export * from './events-table-member-directory';
export * from './write-model-for-tests';
