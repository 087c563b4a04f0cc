// The base45 package (RFC 9285) ships no types.
declare module 'base45' {
  export function encode(input: Uint8Array | string): string;
  export function decode(input: string): Buffer;
}
