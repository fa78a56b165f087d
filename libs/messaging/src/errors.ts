/**
 * A send the broker did not acknowledge. `permanent` means the same message will never be
 * accepted (too large, not authorised, invalid): retrying would loop forever, so the caller
 * must stop and say so. Anything else (broker down, leader moving, timeouts) is transient.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The broker's error name when known, e.g. MESSAGE_TOO_LARGE. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}
