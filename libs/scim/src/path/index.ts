export type { PatchPath } from './ast';
export { parsePatchPath, printPatchPath } from './parser';
export type { ResolvedPatchPath } from './resolve-path';
export { resolvePatchPath } from './resolve-path';
