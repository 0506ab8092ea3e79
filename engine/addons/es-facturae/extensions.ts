/**
 * FacturaE 3.2.x extension keys and code lists (GOBL `addons/es/facturae/extensions.go`,
 * v0.502.1). Codes come from the FacturaE XSD (Orden HAP/1650/2015 and its predecessors):
 * `InvoiceDocumentType`, `InvoiceClass` and `ReasonCode` of `Corrective`. Names are ours.
 */
import type { ExtensionDef } from '../../tax/regime-def.ts';

export const EXT_SUBSIDY = 'es-facturae-subsidy';
export const EXT_DOC_TYPE = 'es-facturae-doc-type';
export const EXT_INVOICE_CLASS = 'es-facturae-invoice-class';
export const EXT_CORRECTION = 'es-facturae-correction';

const subsidy: ExtensionDef = {
  key: EXT_SUBSIDY,
  name: { en: 'FacturaE: Subsidy', es: 'FacturaE: Subvención' },
  desc: {
    en: "Marks an advance payment (`payment.advances[].ext`) that came from a public grant or subsidy.",
    es: 'Marca un anticipo (`payment.advances[].ext`) procedente de una subvención o ayuda pública.',
  },
  values: [
    { code: 'S', name: { en: 'Yes', es: 'Sí' } },
    { code: 'N', name: { en: 'No', es: 'No' } },
  ],
};

const docType: ExtensionDef = {
  key: EXT_DOC_TYPE,
  name: { en: 'FacturaE: Document Type', es: 'FacturaE: Tipo de Documento' },
  desc: {
    en: 'InvoiceDocumentType, set by scenarios: FC normally, FA with the simplified tag, AF with the self-billed tag.',
    es: 'InvoiceDocumentType, asignado por escenarios: FC por defecto, FA con la etiqueta simplified, AF con la etiqueta self-billed.',
  },
  values: [
    { code: 'FC', name: { en: 'Commercial Invoice', es: 'Factura Comercial' } },
    { code: 'FA', name: { en: 'Simplified Invoice', es: 'Factura Simplificada' } },
    { code: 'AF', name: { en: 'Self-billed Invoice', es: 'Auto-Factura' } },
  ],
};

const invoiceClass: ExtensionDef = {
  key: EXT_INVOICE_CLASS,
  name: { en: 'FacturaE: Invoice Class', es: 'FacturaE: Clase de Factura' },
  desc: {
    en: 'InvoiceClass, set by scenarios from the invoice type and the copy and summary tags.',
    es: 'InvoiceClass, asignada por escenarios según el tipo de factura y las etiquetas copy y summary.',
  },
  values: [
    { code: 'OO', name: { en: 'Original', es: 'Original' } },
    { code: 'OR', name: { en: 'Corrective Original', es: 'Original Rectificativa' } },
    { code: 'OC', name: { en: 'Summary Original', es: 'Original Recapitulativa' } },
    { code: 'CO', name: { en: 'Copy of the Original', es: 'Duplicado Original' } },
    { code: 'CR', name: { en: 'Copy of the Corrective', es: 'Duplicado Rectificativa' } },
    { code: 'CC', name: { en: 'Copy of the Summary', es: 'Duplicado Recapitulativa' } },
  ],
};

const correction: ExtensionDef = {
  key: EXT_CORRECTION,
  name: { en: 'FacturaE Change', es: 'Cambio de FacturaE' },
  desc: {
    en: 'The single FacturaE reason code explaining why the preceding invoice is corrected.',
    es: 'El código único de FacturaE que explica por qué se rectifica la factura anterior.',
  },
  values: [
    { code: '01', name: { en: 'Invoice code', es: 'Número de la factura' } },
    { code: '02', name: { en: 'Invoice series', es: 'Serie de la factura' } },
    { code: '03', name: { en: 'Issue date', es: 'Fecha expedición' } },
    { code: '04', name: { en: 'Name and surnames/Corporate name - Issuer (Sender)', es: 'Nombre y apellidos/Razón Social-Emisor' } },
    { code: '05', name: { en: 'Name and surnames/Corporate name - Receiver', es: 'Nombre y apellidos/Razón Social-Receptor' } },
    { code: '06', name: { en: "Issuer's Tax Identification Number", es: 'Identificación fiscal Emisor/obligado' } },
    { code: '07', name: { en: "Receiver's Tax Identification Number", es: 'Identificación fiscal Receptor' } },
    { code: '08', name: { en: "Supplier's address", es: 'Domicilio Emisor/Obligado' } },
    { code: '09', name: { en: "Customer's address", es: 'Domicilio Receptor' } },
    { code: '10', name: { en: 'Item line', es: 'Detalle Operación' } },
    { code: '11', name: { en: 'Applicable Tax Rate', es: 'Porcentaje impositivo a aplicar' } },
    { code: '12', name: { en: 'Applicable Tax Amount', es: 'Cuota tributaria a aplicar' } },
    { code: '13', name: { en: 'Applicable Date/Period', es: 'Fecha/Periodo a aplicar' } },
    { code: '14', name: { en: 'Invoice Class', es: 'Clase de factura' } },
    { code: '15', name: { en: 'Legal literals', es: 'Literales legales' } },
    { code: '16', name: { en: 'Taxable Base', es: 'Base imponible' } },
    { code: '80', name: { en: 'Calculation of tax outputs', es: 'Cálculo de cuotas repercutidas' } },
    { code: '81', name: { en: 'Calculation of tax inputs', es: 'Cálculo de cuotas retenidas' } },
    {
      code: '82',
      name: {
        en: 'Taxable Base modified due to return of packages and packaging materials',
        es: 'Base imponible modificada por devolución de envases / embalajes',
      },
    },
    { code: '83', name: { en: 'Taxable Base modified due to discounts and rebates', es: 'Base imponible modificada por descuentos y bonificaciones' } },
    {
      code: '84',
      name: {
        en: 'Taxable Base modified due to firm court ruling or administrative decision',
        es: 'Base imponible modificada por resolución firme, judicial o administrativa',
      },
    },
    {
      code: '85',
      name: {
        en: 'Taxable Base modified due to unpaid outputs where there is a judgement opening insolvency proceedings',
        es: 'Base imponible modificada cuotas repercutidas no satisfechas. Auto de declaración de concurso',
      },
    },
  ],
};

/** In GOBL's order, so catalogues list them the same way. */
export const facturaeExtensions: readonly ExtensionDef[] = [subsidy, docType, invoiceClass, correction];
