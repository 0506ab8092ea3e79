/** Shared test helpers: where the reference material lives and how to load the test certificates. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPkcs12 } from '../src/certificates/pkcs12.ts';
import type { Credential } from '../src/certificates/credential.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(REPO, '../shared');
export const CONV = join(SHARED, 'conformance/converters');
export const XSD_DIR = join(SHARED, 'reference/xsd');

if (!existsSync(CONV)) throw new Error(`reference data missing: ${CONV} (the proxy tests read ../shared next to this checkout)`);

export const TEST_CERTS = {
  izenpe: { file: 'gobl.ticketbai/test/certs/EntitateOrdezkaria_RepresentanteDeEntidad.p12', password: 'IZDesa2025' },
  izenpeSeal: { file: 'gobl.ticketbai/test/certs/EnpresaZigilua_SelloDeEmpresa.p12', password: 'IZDesa2025' },
  izenpePerson: { file: 'gobl.ticketbai/test/certs/PertsonaFisikoa_PersonaFisica.p12', password: 'IZDesa2025' },
  izenpeDevice: { file: 'gobl.ticketbai/test/certs/Gailua_Dispositivo.p12', password: '111111' },
  verifactu: { file: 'gobl.verifactu/test/certs/test.p12', password: 'test' },
  facturae: { file: 'gobl.facturae/test/certificates/facturae.p12', password: 'invopop' },
} as const;

const cache = new Map<string, Credential>();
export function testCredential(name: keyof typeof TEST_CERTS): Credential {
  let c = cache.get(name);
  if (!c) {
    const t = TEST_CERTS[name];
    c = loadPkcs12(readFileSync(join(CONV, t.file)), t.password, t.file);
    cache.set(name, c);
  }
  return c;
}

export function fixtureFiles(dir: string): string[] {
  return readdirSync(join(CONV, dir))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => join(CONV, dir, f));
}

export const readText = (file: string) => readFileSync(file, 'utf8');

/**
 * The signed VERI*FACTU records of a reference SOAP file as standalone documents: each record
 * re-declares its prefix, as the reference signed it (INDEX.md §How the repos test themselves).
 */
export function verifactuRecords(xml: string): { name: string; xml: string }[] {
  const out: { name: string; xml: string }[] = [];
  for (const m of xml.matchAll(/<(sum1:RegistroAlta|sum1:RegistroAnulacion|sf:RegistroEvento)\b[\s\S]*?<\/\1>/g)) {
    let el = m[0];
    const prefix = m[1].split(':')[0];
    if (!el.slice(0, el.indexOf('>')).includes(`xmlns:${prefix}=`)) {
      const uri = new RegExp(`xmlns:${prefix}="([^"]+)"`).exec(xml)![1];
      el = el.replace(`<${m[1]}`, `<${m[1]} xmlns:${prefix}="${uri}"`);
    }
    out.push({ name: m[1], xml: el });
  }
  return out;
}

export const hasXmlsec1 = spawnSync('xmlsec1', ['--version']).status === 0;

/** Verifies with xmlsec1 (as tools/verify_fixture_sig.py does); returns the exit status and log. */
export function xmlsec1Verify(xml: string): { ok: boolean; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xmlsec-'));
  const file = join(dir, 'doc.xml');
  writeFileSync(file, xml.startsWith('<?xml') ? xml : `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
  const r = spawnSync(
    'xmlsec1',
    ['--verify', '--insecure', '--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties', '--id-attr:Id', 'http://www.w3.org/2000/09/xmldsig#:KeyInfo', file],
    { encoding: 'utf8' },
  );
  rmSync(dir, { recursive: true, force: true });
  return { ok: r.status === 0, log: `${r.stdout}${r.stderr}` };
}

export const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

export function tmp(prefix = 'proxy-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export { execFileSync };
