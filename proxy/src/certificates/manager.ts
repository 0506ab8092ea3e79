/**
 * Which certificate the proxy signs and authenticates with. Configured PKCS#12 first; otherwise a
 * self-signed sandbox certificate made on first start and kept in the data folder (0600). A
 * certificate uploaded through the API replaces the current one only after it loaded correctly.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Credential } from './credential.ts';
import { issueCertificate, sandboxCertificate, type Pem } from './generate.ts';
import { inspectCertificate, type CertificateInfo } from './inspect.ts';
import { loadPkcs12, writePkcs12 } from './pkcs12.ts';

function writeSecret(file: string, data: string | Buffer): void {
  writeFileSync(file, data, { mode: 0o600 });
  chmodSync(file, 0o600);
}

export interface CertificateManagerOptions {
  readonly dataDir: string;
  readonly p12Path?: string;
  readonly password?: string;
}

export class CertificateManager {
  #current: Credential;
  readonly #dataDir: string;

  private constructor(cred: Credential, dataDir: string) {
    this.#current = cred;
    this.#dataDir = dataDir;
  }

  static open(o: CertificateManagerOptions): CertificateManager {
    mkdirSync(o.dataDir, { recursive: true });
    if (o.p12Path) return new CertificateManager(loadPkcs12(readFileSync(o.p12Path), o.password ?? '', o.p12Path), o.dataDir);
    const uploaded = join(o.dataDir, 'certificate.p12');
    if (existsSync(uploaded)) {
      return new CertificateManager(loadPkcs12(readFileSync(uploaded), readFileSync(join(o.dataDir, 'certificate.pass'), 'utf8'), 'uploaded'), o.dataDir);
    }
    const file = join(o.dataDir, 'sandbox-certificate.p12');
    const passFile = join(o.dataDir, 'sandbox-certificate.pass');
    if (!existsSync(file)) {
      const pem = sandboxCertificate();
      const pass = randomBytes(18).toString('base64url');
      writeSecret(passFile, pass);
      writeSecret(file, writePkcs12(pem.keyPem, [pem.certPem], pass, 'gobl-studio-sandbox'));
    }
    return new CertificateManager(loadPkcs12(readFileSync(file), readFileSync(passFile, 'utf8'), 'sandbox (self-signed)'), o.dataDir);
  }

  /** For tests: a manager over an already loaded credential. */
  static of(cred: Credential, dataDir: string): CertificateManager {
    return new CertificateManager(cred, dataDir);
  }

  current(): Credential {
    return this.#current;
  }

  /** Loads a new PKCS#12; throws CertificateError and keeps the current one when it fails. */
  replace(bytes: Uint8Array, password: string, persist = true): Credential {
    const cred = loadPkcs12(bytes, password, 'uploaded');
    if (persist) {
      writeSecret(join(this.#dataDir, 'certificate.p12'), Buffer.from(bytes));
      writeSecret(join(this.#dataDir, 'certificate.pass'), password);
    }
    this.#current = cred;
    return cred;
  }

  info(now: Date): CertificateInfo {
    return inspectCertificate(this.#current, now);
  }
}

/** The embedded sandbox's own TLS identity: a CA and a loopback server certificate, made once. */
export function sandboxTlsMaterial(dataDir: string): { ca: Pem; server: Pem } {
  const dir = join(dataDir, 'sandbox-tls');
  mkdirSync(dir, { recursive: true });
  const f = (n: string) => join(dir, n);
  if (!existsSync(f('server.key'))) {
    const ca = issueCertificate({ subject: { commonName: 'GOBL Studio sandbox CA', organization: 'GOBL Studio', country: 'ES' }, ca: true, days: 3650 });
    const server = issueCertificate({ subject: { commonName: 'localhost' }, serverNames: ['localhost', '127.0.0.1'], issuer: ca, days: 3650 });
    writeSecret(f('ca.key'), ca.keyPem);
    writeFileSync(f('ca.pem'), ca.certPem);
    writeSecret(f('server.key'), server.keyPem);
    writeFileSync(f('server.pem'), server.certPem);
  }
  const read = (n: string) => readFileSync(f(n), 'utf8');
  return { ca: { keyPem: '', certPem: read('ca.pem') }, server: { keyPem: read('server.key'), certPem: read('server.pem') } };
}
