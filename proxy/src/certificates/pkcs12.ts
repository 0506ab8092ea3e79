/**
 * PKCS#12 (.p12/.pfx) loading with node-forge, which reads the legacy RC2-40 containers that
 * OpenSSL 3 (and so Node's own TLS `pfx` option) refuses without the legacy provider — the VERI*FACTU
 * and Facturae test certificates are such files (converters.md §8.7).
 */
import { createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { Credential } from './credential.ts';

export type CertificateErrorCode = 'bad_password' | 'not_pkcs12' | 'no_key' | 'no_certificate' | 'key_mismatch' | 'unsupported_key';

/** A certificate that could not be loaded; `code` is stable, `message` says how to fix it. */
export class CertificateError extends Error {
  override readonly name = 'CertificateError' as const;
  constructor(
    readonly code: CertificateErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const toForgeBuffer = (bytes: Uint8Array) => forge.util.createBuffer(Buffer.from(bytes).toString('binary'));
const derOf = (cert: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');

function sameName(a: forge.pki.Certificate['subject'], b: forge.pki.Certificate['issuer']): boolean {
  return a.hash === b.hash;
}

/** Leaf first, then each issuer found among the others. */
function orderChain(leaf: forge.pki.Certificate, others: forge.pki.Certificate[]): forge.pki.Certificate[] {
  const chain = [leaf];
  const pool = [...others];
  for (let cur = leaf; ; ) {
    if (sameName(cur.subject, cur.issuer)) break; // self-signed root
    const i = pool.findIndex((c) => sameName(c.subject, cur.issuer));
    if (i < 0) break;
    cur = pool.splice(i, 1)[0];
    chain.push(cur);
  }
  return chain;
}

/** Loads the private key and certificates of a PKCS#12 file. */
export function loadPkcs12(bytes: Uint8Array, password: string, source = 'pkcs12'): Credential {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(toForgeBuffer(bytes), { strict: false } as never);
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (/mac could not be verified|invalid password|decrypt/i.test(msg)) {
        throw new CertificateError('bad_password', 'Wrong password for the PKCS#12 file.');
      }
      throw new CertificateError('not_pkcs12', `Not a readable PKCS#12 file (${msg}).`);
    }
  } catch (e) {
    if (e instanceof CertificateError) throw e;
    throw new CertificateError('not_pkcs12', 'Not a PKCS#12 file: expected a .p12/.pfx container.');
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  if (certs.length === 0) throw new CertificateError('no_certificate', 'The PKCS#12 file holds no certificate.');
  const keyBag = keyBags.find((b) => b.key);
  if (!keyBag?.key) {
    if (keyBags.length > 0) throw new CertificateError('unsupported_key', 'The private key is not an RSA key (only RSA keys are supported).');
    throw new CertificateError('no_key', 'The PKCS#12 file holds no private key: export it again including the key.');
  }
  const rsaKey = keyBag.key as forge.pki.rsa.PrivateKey;
  const key = createPrivateKey(forge.pki.privateKeyToPem(rsaKey));
  const leaf = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n && pub.n.equals(rsaKey.n);
  });
  if (!leaf) throw new CertificateError('key_mismatch', 'No certificate in the file matches its private key.');
  const chain = orderChain(
    leaf,
    certs.filter((c) => c !== leaf),
  );
  return new Credential(key, chain.map(derOf), source);
}

/** Writes a PKCS#12 file (3DES, SHA-256 MAC) for a key and chain given as PEM. */
export function writePkcs12(keyPem: string, chainPem: readonly string[], password: string, friendlyName = 'sandbox'): Buffer {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const certs = chainPem.map((p) => forge.pki.certificateFromPem(p));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: '3des', friendlyName, generateLocalKeyId: true });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
