/**
 * XSD validation for the sandbox with xmllint (libxml2), against the official schemas in a
 * configured folder (../shared/reference/xsd in tests; nothing is vendored). Remote imports
 * (xmldsig, XAdES, SOAP) resolve offline through the folder's catalog.xml. Without xmllint or
 * without the folder the check is skipped and says so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SCHEMAS = {
  'tbai-alta': 'ticketbai/ticketBaiV1-2-2.xsd',
  'tbai-anula': 'ticketbai/Anula_ticketBaiV1-2.xsd',
  'lroe-240-alta': 'batuz-lroe/v1.0.7/LROE_PJ_240_1_1_FacturasEmitidas_ConSG_AltaPeticion_V1_0_2.xsd',
  'lroe-240-anula': 'batuz-lroe/v1.0.7/LROE_PJ_240_1_1_FacturasEmitidas_ConSG_AnulacionPeticion_V1_0_0.xsd',
  'lroe-140-alta': 'batuz-lroe/v1.0.7/LROE_PF_140_1_1_Ingresos_ConfacturaConSG_AltaPeticion_V1_0_2.xsd',
  'lroe-140-anula': 'batuz-lroe/v1.0.7/LROE_PF_140_1_1_Ingresos_ConfacturaConSG_AnulacionPeticion_V1_0_0.xsd',
  sii: 'sii/SuministroLR.xsd',
  verifactu: 'verifactu/SuministroLR.xsd',
  facturae: 'facturae/Facturaev3_2_2.xsd',
  vnif: 'vnif/http-namespace-variant/VNifV2Ent.xsd',
} as const;
export type SchemaKey = keyof typeof SCHEMAS;

export interface SchemaIssue {
  /** Line in the validated text (xmllint's count), when it gives one. */
  readonly line?: number;
  readonly message: string;
}

export interface SchemaCheck {
  readonly checked: boolean;
  readonly errors: readonly string[];
  /** The same errors with their lines. */
  readonly issues?: readonly SchemaIssue[];
}

export interface SchemaValidator {
  validate(xml: string, schema: SchemaKey): Promise<SchemaCheck>;
}

export const noSchemaValidation: SchemaValidator = { validate: async () => ({ checked: false, errors: [] }) };

let xmllintPresent: boolean | undefined;
export function hasXmllint(): boolean {
  xmllintPresent ??= spawnSync('xmllint', ['--version']).status === 0;
  return xmllintPresent;
}

export function xmllintValidator(xsdDir: string | undefined): SchemaValidator {
  if (!xsdDir || !existsSync(xsdDir) || !hasXmllint()) return noSchemaValidation;
  const env = { ...process.env, XML_CATALOG_FILES: join(xsdDir, 'catalog.xml') };
  return {
    validate(xml, schema) {
      const file = join(xsdDir, SCHEMAS[schema]);
      if (!existsSync(file)) return Promise.resolve({ checked: false, errors: [] });
      return new Promise((resolve) => {
        const p = spawn('xmllint', ['--nonet', '--noout', '--schema', file, '-'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
        let err = '';
        p.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
        p.on('error', () => resolve({ checked: false, errors: [] }));
        p.on('close', (code) => {
          if (code === 0) return resolve({ checked: true, errors: [], issues: [] });
          const issues = xmllintIssues(err);
          const errors = issues.map((i) => i.message);
          resolve({ checked: true, errors: errors.length ? errors : ['the document does not validate'], issues: issues.length ? issues : [{ message: 'the document does not validate' }] });
        });
        p.stdin.on('error', () => undefined);
        p.stdin.end(xml);
      });
    },
  };
}

/**
 * xmllint's report, one issue per `-:LINE: …` line; the source excerpt and caret lines it prints
 * after a parser error, and its closing "fails to validate" line, are left out.
 */
export function xmllintIssues(stderr: string): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const raw of stderr.split('\n')) {
    const l = raw.trim();
    if (!l || /validates$|fails to validate$/.test(l)) continue;
    const m = /^-:(\d+):\s*(.*)$/.exec(l);
    if (m) issues.push({ line: Number(m[1]), message: m[2]!.replace(/^(element \S+: )?Schemas validity error : /, '').replace(/^parser error : /, 'not well-formed: ') });
    else if (issues.length === 0 && !/^\^$/.test(l)) issues.push({ message: l });
  }
  return issues;
}
