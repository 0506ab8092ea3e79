/**
 * UUID helpers. GOBL gives documents and envelope headers UUIDv7 ids and requires the header's
 * id to carry a timestamp (GOBL-HEAD-HEADER-01: versions 1, 6 or 7). The engine is pure, so the
 * clock and the random bytes come from outside through a `UuidSource`; tests pass fixed ones.
 */

/** Makes a fresh id on each call. Injected wherever the engine must create an id. */
export type UuidSource = () => string;

/** Canonical 8-4-4-4-12 hex form; case-insensitive like Go's parser, no braces or `urn:`. */
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

const MAX_MS = 2 ** 48 - 1;

/**
 * RFC 9562 version 7: 48-bit big-endian Unix milliseconds, version nibble 7, 12 random bits,
 * variant bits 10, 62 random bits. The 10 bytes given supply the random bits in order (the bits
 * overwritten by version and variant are dropped), so equal inputs give equal ids.
 */
export function uuidV7(unixMs: number, random: Uint8Array): string {
  if (!Number.isInteger(unixMs) || unixMs < 0 || unixMs > MAX_MS) {
    throw new RangeError(`uuidV7: timestamp ${unixMs} is not a 48-bit millisecond count`);
  }
  if (random.length < 10) throw new RangeError('uuidV7: needs 10 random bytes');
  const b = new Uint8Array(16);
  // 2^48 exceeds 32-bit integer operations, so split the timestamp with arithmetic.
  let ms = unixMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | (random[0] & 0x0f);
  b[7] = random[1];
  b[8] = 0x80 | (random[2] & 0x3f);
  for (let i = 3; i < 10; i++) b[i + 6] = random[i];
  return format(b);
}

function format(b: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < 16; i++) {
    hex += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

/** The version nibble (first hex digit of the third group), or undefined if `s` is no UUID. */
export function uuidVersion(s: string): number | undefined {
  return isUuid(s) ? parseInt(s[14], 16) : undefined;
}

/** Versions 1, 6 and 7 embed their creation time, which GOBL requires of envelope headers. */
export function hasTimestamp(s: string): boolean {
  const v = uuidVersion(s);
  return v === 1 || v === 6 || v === 7;
}

/** GOBL treats the all-zero UUID as "not set" (it is replaced or removed by normalization). */
export function isZeroUuid(s: string): boolean {
  return s === ZERO_UUID;
}

/** A v7 generator from a clock and a random byte source, e.g. Date.now and crypto.getRandomValues. */
export function uuidSourceFrom(now: () => number, random: (n: number) => Uint8Array): UuidSource {
  return () => uuidV7(Math.floor(now()), random(10));
}
