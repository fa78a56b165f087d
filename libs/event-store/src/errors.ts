/** The stream was not at the revision the appender expected: re-read and re-decide, or report a conflict. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`stream ${streamId}: expected revision ${expected}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * Some, but not all, of the request's event ids are already stored: not a retry of one earlier
 * append (that would be all of them) but a client reusing ids. Never retried.
 */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventIds: string[]) {
    super(`event ids already stored by another append: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventIdError';
  }
}
