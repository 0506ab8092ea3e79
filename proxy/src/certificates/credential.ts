/**
 * A signing credential: a private key and its certificate chain (leaf first).
 *
 * The key lives in a private field and is only ever used through `sign()` and `tlsKeyPair()`
 * (mutual TLS). `toJSON()` and `util.inspect` show the public certificate data, so a credential that
 * ends up in a log line or a response by mistake leaks nothing secret.
 */
import { createHash, sign as cryptoSign, X509Certificate, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

export type HashName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export class Credential {
  readonly #key: KeyObject;
  /** DER certificates, leaf first, then the issuers found in the same container. */
  readonly chain: readonly Buffer[];
  readonly leaf: X509Certificate;
  /** Where it came from, for the inspector (a file name or "sandbox"). */
  readonly source: string;

  constructor(key: KeyObject, chain: readonly Buffer[], source: string) {
    if (key.type !== 'private') throw new Error('a credential needs a private key');
    if (chain.length === 0) throw new Error('a credential needs a certificate');
    this.#key = key;
    this.chain = chain;
    this.leaf = new X509Certificate(chain[0]);
    this.source = source;
    if (!this.leaf.checkPrivateKey(key)) throw new Error('the private key does not match the certificate');
  }

  /** RSA PKCS#1 v1.5 (or ECDSA) signature of `data` with the given digest. */
  sign(hash: HashName, data: string | Uint8Array): Buffer {
    return cryptoSign(hash, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, this.#key);
  }

  get keyType(): string {
    return this.#key.asymmetricKeyType ?? 'unknown';
  }

  get keyBits(): number | undefined {
    return this.#key.asymmetricKeyDetails?.modulusLength;
  }

  /** Public RSA parameters for ds:KeyValue (big-endian, base64). */
  rsaPublic(): { modulus: string; exponent: string } | undefined {
    if (this.#key.asymmetricKeyType !== 'rsa') return undefined;
    const jwk = this.leaf.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    const b64 = (s: string) => Buffer.from(s, 'base64url').toString('base64');
    return { modulus: b64(jwk.n), exponent: b64(jwk.e) };
  }

  /** SHA fingerprint of the leaf certificate (hex, lower case). */
  fingerprint(hash: HashName = 'sha256'): string {
    return createHash(hash).update(this.chain[0]).digest('hex');
  }

  /**
   * The PEM key pair for a TLS client or server context. Only the transport layer may call this;
   * the result must never be logged or returned.
   */
  tlsKeyPair(): { key: string; cert: string } {
    const key = this.#key.export({ type: 'pkcs8', format: 'pem' }) as string;
    const cert = this.chain.map((der) => new X509Certificate(der).toString()).join('');
    return { key, cert };
  }

  toJSON(): Record<string, unknown> {
    return { source: this.source, subject: this.leaf.subject, issuer: this.leaf.issuer, serialNumber: this.leaf.serialNumber, fingerprint: this.fingerprint() };
  }

  [inspect.custom](): string {
    return `Credential(${JSON.stringify(this.toJSON())})`;
  }
}
