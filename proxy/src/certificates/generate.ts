/**
 * Certificates the proxy makes itself: the self-signed sandbox certificate created on first start,
 * and (for tests and the embedded sandbox over HTTPS) a small CA issuing server and client
 * certificates. Keys come from Node's generator; forge only assembles the X.509 structures.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface Pem {
  readonly keyPem: string;
  readonly certPem: string;
}

export interface NameSpec {
  readonly commonName: string;
  readonly organization?: string;
  readonly country?: string;
  /** Subject serialNumber (2.5.4.5), e.g. `IDCES-12345678Z`. */
  readonly serialNumber?: string;
  /** organizationIdentifier (2.5.4.97), e.g. `VATES-B12345678`. */
  readonly organizationIdentifier?: string;
}

function attrs(n: NameSpec): forge.pki.CertificateField[] {
  const a: forge.pki.CertificateField[] = [];
  if (n.country) a.push({ shortName: 'C', value: n.country });
  if (n.organization) a.push({ shortName: 'O', value: n.organization });
  if (n.organizationIdentifier) a.push({ type: '2.5.4.97', value: n.organizationIdentifier, valueTagClass: forge.asn1.Type.UTF8 } as unknown as forge.pki.CertificateField);
  if (n.serialNumber) a.push({ type: '2.5.4.5', value: n.serialNumber, valueTagClass: forge.asn1.Type.PRINTABLESTRING } as unknown as forge.pki.CertificateField);
  a.push({ shortName: 'CN', value: n.commonName });
  return a;
}

function newKeyPair(bits: number): { keyPem: string; forgeKey: forge.pki.rsa.PrivateKey; forgePub: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const forgeKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { keyPem, forgeKey, forgePub: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

export interface IssueOptions {
  readonly subject: NameSpec;
  readonly days?: number;
  readonly notBefore?: Date;
  readonly bits?: number;
  readonly ca?: boolean;
  readonly serverNames?: readonly string[];
  readonly clientAuth?: boolean;
  /** Issuer; absent = self-signed. */
  readonly issuer?: Pem;
}

export function issueCertificate(o: IssueOptions): Pem {
  const { keyPem, forgeKey, forgePub } = newKeyPair(o.bits ?? 2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePub;
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  const nb = o.notBefore ?? new Date(Date.now() - 60_000);
  cert.validity.notBefore = nb;
  cert.validity.notAfter = new Date(nb.getTime() + (o.days ?? 825) * 86_400_000);
  cert.setSubject(attrs(o.subject));
  const issuerCert = o.issuer ? forge.pki.certificateFromPem(o.issuer.certPem) : undefined;
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : attrs(o.subject));
  const ext: object[] = [{ name: 'basicConstraints', cA: !!o.ca, critical: true }];
  if (o.ca) ext.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true });
  else {
    ext.push({ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, keyEncipherment: true, critical: true });
    ext.push({ name: 'extKeyUsage', clientAuth: o.clientAuth ?? true, serverAuth: !!o.serverNames?.length });
  }
  if (o.serverNames?.length) {
    ext.push({
      name: 'subjectAltName',
      altNames: o.serverNames.map((n) => (/^[\d.]+$/.test(n) || n.includes(':') ? { type: 7, ip: n } : { type: 2, value: n })),
    });
  }
  ext.push({ name: 'subjectKeyIdentifier' });
  cert.setExtensions(ext);
  const signer = o.issuer ? forge.pki.privateKeyFromPem(o.issuer.keyPem) : forgeKey;
  cert.sign(signer as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** The sandbox signing certificate made on first start when none is configured. */
export function sandboxCertificate(nif = 'B00000034', name = 'GOBL STUDIO SANDBOX'): Pem {
  return issueCertificate({
    subject: { commonName: `${name} - ${nif}`, organization: name, country: 'ES', organizationIdentifier: `VATES-${nif}` },
    days: 3650,
  });
}
