/**
 * SHA-256 (FIPS 180-4) in plain TypeScript. The engine needs a synchronous digest for GOBL's
 * `head.dig` and must stay pure (WebCrypto is async and absent in some hosts; node:crypto is not
 * allowed here), so we carry our own. It hashes multi-megabyte canonical JSON, so the hot loop
 * works on 32-bit integers in locals and reads whole blocks straight from the input; only the
 * final one or two padded blocks are copied.
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
 * The rounds are written out (eight working variables whose roles rotate every round, sixteen
 * schedule words kept in locals), so everything stays in registers: about 30% less time than a
 * loop over an Int32Array schedule with the variables shifted every round. Each round is
 *   t1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t];  d += t1;  h = t1 + Σ0(a) + Maj(a, b, c)
 * with the names shifted by one from round to round (h, a, b… then g, h, a…); rounds 16-63 first
 * extend the schedule in place (W[t] += σ0(W[t+1]) + W[t+9] + σ1(W[t+14]), indices mod 16) and
 * run as three passes of sixteen, after which the roles are back where they started.
 * One call per block (rather than one call looping over all blocks) matters: V8 optimises a
 * function called thousands of times early, whereas a single long call is only upgraded by
 * on-stack replacement, which measured about 3x slower for the first multi-megabyte hash in a
 * fresh process.
 */
function compress(state: Int32Array, data: Uint8Array, off: number): void {
  let w0 = (data[off] << 24) | (data[off + 1] << 16) | (data[off + 2] << 8) | data[off + 3];
  let w1 = (data[off + 4] << 24) | (data[off + 5] << 16) | (data[off + 6] << 8) | data[off + 7];
  let w2 = (data[off + 8] << 24) | (data[off + 9] << 16) | (data[off + 10] << 8) | data[off + 11];
  let w3 = (data[off + 12] << 24) | (data[off + 13] << 16) | (data[off + 14] << 8) | data[off + 15];
  let w4 = (data[off + 16] << 24) | (data[off + 17] << 16) | (data[off + 18] << 8) | data[off + 19];
  let w5 = (data[off + 20] << 24) | (data[off + 21] << 16) | (data[off + 22] << 8) | data[off + 23];
  let w6 = (data[off + 24] << 24) | (data[off + 25] << 16) | (data[off + 26] << 8) | data[off + 27];
  let w7 = (data[off + 28] << 24) | (data[off + 29] << 16) | (data[off + 30] << 8) | data[off + 31];
  let w8 = (data[off + 32] << 24) | (data[off + 33] << 16) | (data[off + 34] << 8) | data[off + 35];
  let w9 = (data[off + 36] << 24) | (data[off + 37] << 16) | (data[off + 38] << 8) | data[off + 39];
  let w10 = (data[off + 40] << 24) | (data[off + 41] << 16) | (data[off + 42] << 8) | data[off + 43];
  let w11 = (data[off + 44] << 24) | (data[off + 45] << 16) | (data[off + 46] << 8) | data[off + 47];
  let w12 = (data[off + 48] << 24) | (data[off + 49] << 16) | (data[off + 50] << 8) | data[off + 51];
  let w13 = (data[off + 52] << 24) | (data[off + 53] << 16) | (data[off + 54] << 8) | data[off + 55];
  let w14 = (data[off + 56] << 24) | (data[off + 57] << 16) | (data[off + 58] << 8) | data[off + 59];
  let w15 = (data[off + 60] << 24) | (data[off + 61] << 16) | (data[off + 62] << 8) | data[off + 63];
  let a = state[0], b = state[1], c = state[2], d = state[3];
  let e = state[4], f = state[5], g = state[6], h = state[7];
  let t1 = 0, x = 0, y = 0;
  // Rounds 0-15 use the block's words as they are.
  t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[0] + w0) | 0;
  d = (d + t1) | 0;
  h = (t1 + ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (c & (a ^ b))))) | 0;
  t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + K[1] + w1) | 0;
  c = (c + t1) | 0;
  g = (t1 + ((((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (b & (h ^ a))))) | 0;
  t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + K[2] + w2) | 0;
  b = (b + t1) | 0;
  f = (t1 + ((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (a & (g ^ h))))) | 0;
  t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + K[3] + w3) | 0;
  a = (a + t1) | 0;
  e = (t1 + ((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (h & (f ^ g))))) | 0;
  t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + K[4] + w4) | 0;
  h = (h + t1) | 0;
  d = (t1 + ((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (g & (e ^ f))))) | 0;
  t1 = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + K[5] + w5) | 0;
  g = (g + t1) | 0;
  c = (t1 + ((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (f & (d ^ e))))) | 0;
  t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + K[6] + w6) | 0;
  f = (f + t1) | 0;
  b = (t1 + ((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (e & (c ^ d))))) | 0;
  t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + K[7] + w7) | 0;
  e = (e + t1) | 0;
  a = (t1 + ((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (d & (b ^ c))))) | 0;
  t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[8] + w8) | 0;
  d = (d + t1) | 0;
  h = (t1 + ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (c & (a ^ b))))) | 0;
  t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + K[9] + w9) | 0;
  c = (c + t1) | 0;
  g = (t1 + ((((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (b & (h ^ a))))) | 0;
  t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + K[10] + w10) | 0;
  b = (b + t1) | 0;
  f = (t1 + ((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (a & (g ^ h))))) | 0;
  t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + K[11] + w11) | 0;
  a = (a + t1) | 0;
  e = (t1 + ((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (h & (f ^ g))))) | 0;
  t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + K[12] + w12) | 0;
  h = (h + t1) | 0;
  d = (t1 + ((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (g & (e ^ f))))) | 0;
  t1 = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + K[13] + w13) | 0;
  g = (g + t1) | 0;
  c = (t1 + ((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (f & (d ^ e))))) | 0;
  t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + K[14] + w14) | 0;
  f = (f + t1) | 0;
  b = (t1 + ((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (e & (c ^ d))))) | 0;
  t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + K[15] + w15) | 0;
  e = (e + t1) | 0;
  a = (t1 + ((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (d & (b ^ c))))) | 0;
  // Rounds 16-63, sixteen at a time: word t is replaced by the schedule's word t + 16.
  for (let k = 16; k < 64; k += 16) {
    x = w1;
    y = w14;
    w0 = (w0 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w9 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[k] + w0) | 0;
    d = (d + t1) | 0;
    h = (t1 + ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (c & (a ^ b))))) | 0;
    x = w2;
    y = w15;
    w1 = (w1 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w10 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + K[k + 1] + w1) | 0;
    c = (c + t1) | 0;
    g = (t1 + ((((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (b & (h ^ a))))) | 0;
    x = w3;
    y = w0;
    w2 = (w2 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w11 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + K[k + 2] + w2) | 0;
    b = (b + t1) | 0;
    f = (t1 + ((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (a & (g ^ h))))) | 0;
    x = w4;
    y = w1;
    w3 = (w3 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w12 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + K[k + 3] + w3) | 0;
    a = (a + t1) | 0;
    e = (t1 + ((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (h & (f ^ g))))) | 0;
    x = w5;
    y = w2;
    w4 = (w4 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w13 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + K[k + 4] + w4) | 0;
    h = (h + t1) | 0;
    d = (t1 + ((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (g & (e ^ f))))) | 0;
    x = w6;
    y = w3;
    w5 = (w5 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w14 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + K[k + 5] + w5) | 0;
    g = (g + t1) | 0;
    c = (t1 + ((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (f & (d ^ e))))) | 0;
    x = w7;
    y = w4;
    w6 = (w6 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w15 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + K[k + 6] + w6) | 0;
    f = (f + t1) | 0;
    b = (t1 + ((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (e & (c ^ d))))) | 0;
    x = w8;
    y = w5;
    w7 = (w7 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w0 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + K[k + 7] + w7) | 0;
    e = (e + t1) | 0;
    a = (t1 + ((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (d & (b ^ c))))) | 0;
    x = w9;
    y = w6;
    w8 = (w8 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w1 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[k + 8] + w8) | 0;
    d = (d + t1) | 0;
    h = (t1 + ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (c & (a ^ b))))) | 0;
    x = w10;
    y = w7;
    w9 = (w9 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w2 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + K[k + 9] + w9) | 0;
    c = (c + t1) | 0;
    g = (t1 + ((((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (b & (h ^ a))))) | 0;
    x = w11;
    y = w8;
    w10 = (w10 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w3 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + K[k + 10] + w10) | 0;
    b = (b + t1) | 0;
    f = (t1 + ((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (a & (g ^ h))))) | 0;
    x = w12;
    y = w9;
    w11 = (w11 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w4 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + K[k + 11] + w11) | 0;
    a = (a + t1) | 0;
    e = (t1 + ((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (h & (f ^ g))))) | 0;
    x = w13;
    y = w10;
    w12 = (w12 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w5 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + K[k + 12] + w12) | 0;
    h = (h + t1) | 0;
    d = (t1 + ((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (g & (e ^ f))))) | 0;
    x = w14;
    y = w11;
    w13 = (w13 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w6 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + K[k + 13] + w13) | 0;
    g = (g + t1) | 0;
    c = (t1 + ((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (f & (d ^ e))))) | 0;
    x = w15;
    y = w12;
    w14 = (w14 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w7 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + K[k + 14] + w14) | 0;
    f = (f + t1) | 0;
    b = (t1 + ((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (e & (c ^ d))))) | 0;
    x = w0;
    y = w13;
    w15 = (w15 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w8 + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
    t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + K[k + 15] + w15) | 0;
    e = (e + t1) | 0;
    a = (t1 + ((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (d & (b ^ c))))) | 0;
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

/**
 * An incremental SHA-256: `update` takes the whole blocks of each chunk, `hex` the rest. Lets a
 * writer hash its buffer as it fills, so a large input never has to be held in one piece.
 */
export class Sha256 {
  private readonly state = new Int32Array(H0);
  /** Bytes hashed so far (whole blocks). */
  private length = 0;

  /** Hashes the whole 64-byte blocks at the start of `data[0, len)`; returns how many bytes that is. */
  update(data: Uint8Array, len: number): number {
    const full = len - (len % 64);
    for (let off = 0; off < full; off += 64) compress(this.state, data, off);
    this.length += full;
    return full;
  }

  /** Hashes `data[0, len)` as the end of the input and returns the digest in lowercase hex. */
  hex(data: Uint8Array, len: number): string {
    const done = this.update(data, len);
    finish(this.state, data.subarray(done, len), this.length + len - done);
    return hexOf(this.state);
  }
}

/** The padded final block(s). */
const TAIL = new Uint8Array(128);

/**
 * Padding: the remaining bytes `rest` (under 64), 0x80, zeros, then the bit length of the whole
 * input (`len` bytes) as a 64-bit big-endian integer. That fits in one block if at most 55 bytes
 * remain, otherwise it needs two.
 */
function finish(state: Int32Array, rest: Uint8Array, len: number): void {
  const end = rest.length < 56 ? 64 : 128;
  const tail = TAIL;
  tail.fill(0);
  tail.set(rest);
  tail[rest.length] = 0x80;
  // Bit length split in two 32-bit halves: byte lengths above 2^29 overflow 32 bits of bits.
  const bitsHi = Math.floor(len / 0x20000000);
  const bitsLo = (len << 3) >>> 0;
  tail[end - 8] = bitsHi >>> 24;
  tail[end - 7] = bitsHi >>> 16;
  tail[end - 6] = bitsHi >>> 8;
  tail[end - 5] = bitsHi;
  tail[end - 4] = bitsLo >>> 24;
  tail[end - 3] = bitsLo >>> 16;
  tail[end - 2] = bitsLo >>> 8;
  tail[end - 1] = bitsLo;
  for (let off = 0; off < end; off += 64) compress(state, tail, off);
}

/** Hash state of the one-shot functions, reused (nothing here calls out, so calls never overlap). */
const STATE = new Int32Array(8);

/** Hashes `bytes`, leaving the digest in STATE. */
function hash(bytes: Uint8Array): void {
  const state = STATE;
  state.set(H0);
  const len = bytes.length;
  const full = len - (len % 64);
  for (let off = 0; off < full; off += 64) compress(state, bytes, off);
  finish(state, bytes.subarray(full), len);
}

export function sha256(bytes: Uint8Array): Uint8Array {
  hash(bytes);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = STATE[i];
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = v >>> 16;
    out[i * 4 + 2] = v >>> 8;
    out[i * 4 + 3] = v;
  }
  return out;
}

/** Two lowercase hex digits for each byte value. */
const HEX2: readonly string[] = Array.from({ length: 256 }, (_, b) => (b < 16 ? '0' : '') + b.toString(16));

function hexOf(state: Int32Array): string {
  let s = '';
  for (let i = 0; i < 8; i++) {
    const v = state[i];
    s += HEX2[v >>> 24] + HEX2[(v >>> 16) & 255] + HEX2[(v >>> 8) & 255] + HEX2[v & 255];
  }
  return s;
}

/** Lowercase hex, the form GOBL writes in `head.dig.val`. */
export function sha256Hex(bytes: Uint8Array): string {
  hash(bytes);
  return hexOf(STATE);
}
