/**
 * XSD validation with libxml2's xmllint against the official schemas in ../shared/reference/xsd,
 * resolved offline through its catalog. Test-only: the engine itself never touches the disk.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const XSD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/xsd');

/** Entry-point schemas, relative to XSD_DIR. */
export const SCHEMAS = {
  ticketbai: 'ticketbai/ticketBaiV1-2-2.xsd',
  ticketbaiCancel: 'ticketbai/Anula_ticketBaiV1-2.xsd',
  verifactu: 'verifactu/SuministroLR.xsd',
  verifactuSoap: 'wrappers/verifactu-soap.xsd',
  sii: 'sii/SuministroLR.xsd',
  siiSoap: 'wrappers/sii-soap.xsd',
  facturae: 'facturae/Facturaev3_2_2.xsd',
} as const;

export function requireXsdTools(): void {
  if (!existsSync(XSD_DIR)) throw new Error(`../shared not found: the official XSDs are expected at ${XSD_DIR}`);
  const r = spawnSync('xmllint', ['--version']);
  if (r.error) throw new Error('xmllint not found: install Debian package libxml2-utils (.ci/run does)');
}

export interface XsdResult {
  readonly name: string;
  readonly valid: boolean;
  readonly errors: string;
}

/** Validates documents against one schema in a single xmllint run. */
export function validateWithXsd(schema: string, docs: readonly { name: string; xml: string }[]): XsdResult[] {
  requireXsdTools();
  const dir = mkdtempSync(join(tmpdir(), 'xsd-'));
  try {
    const files = docs.map((d, i) => {
      const f = join(dir, `${i}.xml`);
      writeFileSync(f, d.xml);
      return f;
    });
    return docs.map((d, i) => {
      const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(XSD_DIR, schema), files[i]], {
        env: { ...process.env, XML_CATALOG_FILES: join(XSD_DIR, 'catalog.xml') },
        encoding: 'utf8',
      });
      return { name: d.name, valid: r.status === 0, errors: r.status === 0 ? '' : r.stderr.replaceAll(files[i], d.name) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Canonical form for comparing XML: C14N via xmllint, so attribute order and whitespace don't matter. */
export function canonicalXml(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'c14n-'));
  try {
    const f = join(dir, 'doc.xml');
    writeFileSync(f, xml);
    return execFileSync('xmllint', ['--nonet', '--noblanks', '--c14n', f], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
