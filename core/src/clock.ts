/** Injected so that tests can move time (lockout expiry, NIU year) without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
