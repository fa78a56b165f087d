import { ScimError } from '../errors/scim-error';

/** The SCIM error that `run` throws; anything else (a return, another error) fails the test. */
export function scimRefusal(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a SCIM error, but nothing was thrown');
}
