/**
 * UTF-8 encoding without TextEncoder: the engine runs where only ES2022 is guaranteed (workers,
 * tests, the CLI), and digests must not depend on a host API. Behaviour matches
 * `TextEncoder.encode`: surrogate pairs become one 4-byte sequence, lone surrogates become
 * U+FFFD (EF BF BD), which is also what Go's JSON encoder does with invalid text.
 */

/** Number of UTF-8 bytes `s` encodes to, so the output can be allocated once at its exact size. */
export function utf8Length(s: string): number {
  const n = s.length;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLow(s.charCodeAt(i + 1))) {
      // A pair is 2 code units and 4 bytes: 2 extra bytes, and skip the low half.
      bytes += 2;
      i++;
    } else {
      // Other BMP characters, and lone surrogates written as U+FFFD: 3 bytes.
      bytes += 2;
    }
  }
  return bytes;
}

export function utf8Encode(s: string): Uint8Array {
  const out = new Uint8Array(utf8Length(s));
  utf8EncodeInto(s, out, 0);
  return out;
}

/**
 * Writes `s` into `out` from `pos` and returns the position after it. The caller guarantees room
 * (3 bytes per code unit always suffices); this lets the canonical JSON writer stream tokens into
 * one growing buffer instead of building a multi-megabyte string first.
 */
export function utf8EncodeInto(s: string, out: Uint8Array, pos: number): number {
  const n = s.length;
  let p = pos;
  let i = 0;
  // ASCII prefix fast path: canonical JSON is mostly ASCII, so this loop does nearly all the work.
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) break;
    out[p++] = c;
    i++;
  }
  for (; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && isLow(next)) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[p++] = 0xf0 | (c >> 18);
        out[p++] = 0x80 | ((c >> 12) & 0x3f);
        out[p++] = 0x80 | ((c >> 6) & 0x3f);
        out[p++] = 0x80 | (c & 0x3f);
      } else {
        // Lone surrogate: not encodable, replaced like TextEncoder does.
        out[p++] = 0xef;
        out[p++] = 0xbf;
        out[p++] = 0xbd;
      }
    } else {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
