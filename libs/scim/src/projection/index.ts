export type { AttributeListOptions } from './attribute-list';
export { parseAttributeList, withoutValueFilter } from './attribute-list';
export type { ProjectionOptions } from './project-resource';
export { projectResource } from './project-resource';
