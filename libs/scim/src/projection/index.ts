export type { ProjectionOptions } from './project-resource';
export { projectResource } from './project-resource';
