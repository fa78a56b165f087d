/** Time comes in from outside so tests can move it (idle and absolute expiry, rate-limit windows). */
export interface ConsoleClock {
  now(): Date;
}

export const CONSOLE_CLOCK = Symbol('CONSOLE_CLOCK');

export const systemConsoleClock: ConsoleClock = { now: () => new Date() };
