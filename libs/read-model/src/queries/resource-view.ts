import type { JsonObject } from '@lib/domain';

/** One resource as GET by id serves it, with what conditional requests need. */
export interface ResourceView {
  resource: JsonObject;
  /** meta.version, the weak ETag (`W/"3"`): compare with If-Match / If-None-Match. */
  version: string;
  /** The aggregate stream's revision: the expected revision for a write under If-Match. */
  streamRevision: number;
}
