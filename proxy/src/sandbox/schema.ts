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
  vnif: 'vnif/http-namespace-variant/VNifV2Ent.xsd',
} as const;
export type SchemaKey = keyof typeof SCHEMAS;

export interface SchemaCheck {
  readonly checked: boolean;
  readonly errors: readonly string[];
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
          const errors = err
            .split('\n')
            .filter((l) => l.trim() && !/validates$|fails to validate$/.test(l.trim()))
            .map((l) => l.replace(/^-:\d+:\s*/, '').trim());
          resolve({ checked: true, errors: code === 0 ? [] : errors.length ? errors : ['the document does not validate'] });
        });
        p.stdin.on('error', () => undefined);
        p.stdin.end(xml);
      });
    },
  };
}
