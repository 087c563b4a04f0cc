/**
 * Splits items into consecutive groups whose encoding stays under `maxBytes`, each
 * nearly as full as it can be: the link is slow, so fewer, fuller containers save the
 * per-container overhead (signature, key transport). `maxItems` = 1 gives the
 * one-document mode. An item that alone exceeds the bound still travels, alone.
 */
export function packGroups<T>(items: readonly T[], maxBytes: number, maxItems: number, encode: (group: readonly T[]) => Buffer): { items: T[]; encoded: Buffer }[] {
  const out: { items: T[]; encoded: Buffer }[] = [];
  let start = 0;
  let guess = Math.min(maxItems, 32);
  while (start < items.length) {
    // Compressed size is not linear in the count: search between a count known to fit
    // (lo) and one known not to (hi), guessing from the bytes per item seen so far.
    let lo = 0;
    let loEncoded: Buffer | undefined;
    let hi = Math.min(maxItems, items.length - start) + 1;
    let hiTried = false;
    let n = Math.max(1, Math.min(guess, hi - 1));
    for (let tries = 0; tries < 16; tries++) {
      const encoded = encode(items.slice(start, start + n));
      if (encoded.length <= maxBytes || n === 1) {
        lo = n;
        loEncoded = encoded;
      } else {
        hi = n;
        hiTried = true;
      }
      if (hi - lo <= Math.max(1, Math.floor(lo * 0.02))) break;
      let next = Math.floor(n * (maxBytes / encoded.length) * 0.99);
      // Everything left may well fit: try it before narrowing towards it.
      if (next >= hi && !hiTried) next = hi - 1;
      else if (next <= lo || next >= hi) next = Math.floor((lo + hi) / 2);
      n = next;
    }
    if (!loEncoded) {
      lo = 1;
      loEncoded = encode(items.slice(start, start + 1));
    }
    out.push({ items: items.slice(start, start + lo), encoded: loEncoded });
    start += lo;
    guess = lo;
  }
  return out;
}
