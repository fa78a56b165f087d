export * from './attribute-sources';
export * from './cursor';
export * from './filter-to-sql';
export * from './sort-key';
export * from './sql-params';
export * from './value-predicates';
