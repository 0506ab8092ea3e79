/**
 * SHA-256 (FIPS 180-4) in plain TypeScript. The engine needs a synchronous digest for GOBL's
 * `head.dig` and must stay pure (WebCrypto is async and absent in some hosts; node:crypto is not
 * allowed here), so we carry our own. It hashes multi-megabyte canonical JSON, so the hot loop
 * works on 32-bit integers in typed arrays and reads whole blocks straight from the input; only
 * the final one or two padded blocks are copied.
 */

// First 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// First 32 bits of the fractional parts of the square roots of the first 8 primes.
const H0 = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/**
 * The compression function for the 64-byte block of `data` at `off`; updates `state` in place.
 * `w` is the reusable message schedule so no block allocates. One call per block (rather than
 * one call looping over all blocks) matters: V8 optimises a small function called thousands of
 * times early, whereas a single long call is only upgraded by on-stack replacement, which
 * measured about 3x slower for the first multi-megabyte hash in a fresh process.
 */
function compress(state: Int32Array, w: Int32Array, data: Uint8Array, off: number): void {
  for (let t = 0, j = off; t < 16; t++, j += 4) {
    w[t] = (data[j] << 24) | (data[j + 1] << 16) | (data[j + 2] << 8) | data[j + 3];
  }
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15];
    const y = w[t - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3];
  let e = state[4], f = state[5], g = state[6], h = state[7];
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    // Ch and Maj in their one-operation-shorter equivalent forms.
    const ch = g ^ (e & (f ^ g));
    const t1 = (h + S1 + ch + K[t] + w[t]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (c & (a ^ b));
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}

export function sha256(bytes: Uint8Array): Uint8Array {
  const state = new Int32Array(H0);
  const w = new Int32Array(64);
  const len = bytes.length;
  const full = len - (len % 64);
  for (let off = 0; off < full; off += 64) compress(state, w, bytes, off);

  // Padding: the remaining bytes, 0x80, zeros, then the bit length as a 64-bit big-endian
  // integer. That fits in one block if at most 55 bytes remain, otherwise it needs two.
  const rest = len - full;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(bytes.subarray(full));
  tail[rest] = 0x80;
  // Bit length split in two 32-bit halves: byte lengths above 2^29 overflow 32 bits of bits.
  const bitsHi = Math.floor(len / 0x20000000);
  const bitsLo = (len << 3) >>> 0;
  const end = tail.length;
  tail[end - 8] = bitsHi >>> 24;
  tail[end - 7] = bitsHi >>> 16;
  tail[end - 6] = bitsHi >>> 8;
  tail[end - 5] = bitsHi;
  tail[end - 4] = bitsLo >>> 24;
  tail[end - 3] = bitsLo >>> 16;
  tail[end - 2] = bitsLo >>> 8;
  tail[end - 1] = bitsLo;
  for (let off = 0; off < end; off += 64) compress(state, w, tail, off);

  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = state[i];
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = v >>> 16;
    out[i * 4 + 2] = v >>> 8;
    out[i * 4 + 3] = v;
  }
  return out;
}

const HEX = '0123456789abcdef';

/** Lowercase hex, the form GOBL writes in `head.dig.val`. */
export function sha256Hex(bytes: Uint8Array): string {
  const digest = sha256(bytes);
  let s = '';
  for (let i = 0; i < digest.length; i++) s += HEX[digest[i] >> 4] + HEX[digest[i] & 15];
  return s;
}
