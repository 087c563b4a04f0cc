/** The first line of a list window of `height` lines that keeps `selected` in view (centred when it can). */
export function windowStart(selected: number, total: number, height: number): number {
  if (total <= height) return 0;
  return Math.max(0, Math.min(selected - Math.floor(height / 2), total - height));
}
