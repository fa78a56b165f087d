export * from './rebuild-read-models';
