/**
 * A container's `ts` is plausible when it is not from the future (beyond clock skew)
 * and not older than a USB stick may plausibly take to travel (T2D).
 */
export const MAX_FUTURE_SKEW_MS = 15 * 60_000;
export const MAX_AGE_MS = 400 * 86_400_000;

export function plausibleTimestamp(ts: string, now: Date): boolean {
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return false;
  return t <= now.getTime() + MAX_FUTURE_SKEW_MS && t >= now.getTime() - MAX_AGE_MS;
}

/** A DER SEQUENCE starts with 0x30: an SDC. Our plain payloads start with the dictionary byte. */
export function isSealed(bytes: Buffer): boolean {
  return bytes[0] === 0x30;
}
