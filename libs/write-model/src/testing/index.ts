export * from './events-table-member-directory';
