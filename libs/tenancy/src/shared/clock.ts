/** Time comes in from outside so tests can move it (rotation grace periods, retention). */
export interface Clock {
  now(): Date;
}

export const TENANCY_CLOCK = Symbol('TENANCY_CLOCK');

export const systemClock: Clock = { now: () => new Date() };
