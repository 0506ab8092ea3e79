import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { CertificateManager } from '../src/certificates/manager.ts';
import { inspectCertificate } from '../src/certificates/inspect.ts';
import { goIssuerName } from '../src/certificates/names.ts';
import { CertificateError, loadPkcs12 } from '../src/certificates/pkcs12.ts';
import { isValidNif } from '../src/domain/nif.ts';
import { CONV, TEST_CERTS, testCredential, tmp } from './helpers.ts';

describe('PKCS#12 loading', () => {
  it.each(Object.entries(TEST_CERTS))('%s loads (3DES and legacy RC2-40 containers)', (name) => {
    const c = testCredential(name as keyof typeof TEST_CERTS);
    expect(c.keyType).toBe('rsa');
    expect(c.keyBits).toBe(2048);
  });

  it('wrong password, no key, not PKCS#12: typed errors', () => {
    const p12 = readFileSync(join(CONV, TEST_CERTS.verifactu.file));
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CertificateError);
        return (e as CertificateError).code;
      }
      return 'no error';
    };
    expect(codeOf(() => loadPkcs12(p12, 'nope'))).toBe('bad_password');
    expect(codeOf(() => loadPkcs12(readFileSync(join(CONV, 'gobl.facturae/test/certificates/client-without-key.p12')), 'invopop'))).toBe('no_key');
    expect(codeOf(() => loadPkcs12(Buffer.from('hello'), 'x'))).toBe('not_pkcs12');
  });

  it('issuer names in Go form (as the reference signer writes them)', () => {
    expect(goIssuerName(testCredential('facturae').chain[0])).toBe('CN=AC FNMT Usuarios,OU=Ceres,O=FNMT-RCM,C=ES');
    expect(goIssuerName(testCredential('verifactu').chain[0])).toBe('CN=Test Certificate,O=Test Org');
  });
});

describe('inspector', () => {
  const at = new Date('2026-06-01T00:00:00Z');
  it('Izenpe representative: holder is the represented entity', () => {
    const i = inspectCertificate(testCredential('izenpe'), at);
    expect(i.holder).toMatchObject({ nif: 'S7836107H', personNif: '99999973K' });
    expect(i.warnings).toEqual([]);
    expect(i.keyUsage).toContain('digitalSignature');
    expect(i.extendedKeyUsage).toContain('clientAuth');
  });
  it('warnings: expired, expiring, self-signed, no NIF, wrong usage', () => {
    expect(inspectCertificate(testCredential('facturae'), at).warnings).toContain('expired');
    expect(inspectCertificate(testCredential('izenpe'), new Date('2029-01-10T00:00:00Z')).warnings).toContain('expiring_soon');
    expect(inspectCertificate(testCredential('verifactu'), at).warnings).toEqual(expect.arrayContaining(['self_signed', 'no_holder_nif']));
    expect(inspectCertificate(testCredential('izenpeDevice'), at).warnings).toContain('no_holder_nif');
  });
});

describe('sandbox certificate', () => {
  it('made on first start, kept in the data folder (0600), reused after', () => {
    const dir = tmp();
    const a = CertificateManager.open({ dataDir: dir });
    const b = CertificateManager.open({ dataDir: dir });
    expect(a.current().fingerprint()).toBe(b.current().fingerprint());
    expect(a.info(new Date()).warnings).toContain('self_signed');
    const { statSync } = require('node:fs') as typeof import('node:fs');
    expect(statSync(join(dir, 'sandbox-certificate.p12')).mode & 0o777).toBe(0o600);
  });
  it('a credential prints no secrets', () => {
    const c = testCredential('izenpe');
    expect(inspect(c)).not.toMatch(/PRIVATE/);
    expect(JSON.stringify(c)).not.toMatch(/PRIVATE/);
    expect(Object.keys(c)).not.toContain('key');
  });
});

describe('NIF check characters', () => {
  it.each(['B00000034', 'S7836107H', '99999973K', '12345678Z', 'X1234567L', 'A99800005', '89890001K'])('%s is valid', (n) => expect(isValidNif(n)).toBe(true));
  it.each(['B00000035', '12345678A', 'A84532501', 'S7836107A', '1234', ''])('%s is not', (n) => expect(isValidNif(n)).toBe(false));
});

describe('configured certificate', () => {
  it('PROXY_CERT_PATH/PASSWORD: loads the legacy RC2-40 file; a wrong password fails at start-up', () => {
    const file = join(CONV, TEST_CERTS.verifactu.file);
    expect(CertificateManager.open({ dataDir: tmp(), p12Path: file, password: 'test' }).current().leaf.subject).toContain('Test Certificate');
    expect(() => CertificateManager.open({ dataDir: tmp(), p12Path: file, password: 'wrong' })).toThrow(CertificateError);
  });
});
