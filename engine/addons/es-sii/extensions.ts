/**
 * SII code lists (Orden HFP/417/2017, lists L2 to L26 of the AEAT's SII design). Names are the
 * labels GOBL publishes in English and Spanish, so documents and UIs read the same; the
 * descriptions are ours and say how the engine fills each extension.
 */
import type { CodeDef, ExtensionDef, I18n, Source } from '../../tax/regime-def.ts';
import { aeatIdentityTypeCodes, code, yesNoCodes } from '../es-common/codes.ts';

export const SII_DOC_TYPE = 'es-sii-doc-type';
export const SII_CORRECTION_TYPE = 'es-sii-correction-type';
export const SII_EXEMPT = 'es-sii-exempt';
export const SII_OUTSIDE_SCOPE = 'es-sii-outside-scope';
export const SII_REGIME = 'es-sii-regime';
export const SII_IDENTITY_TYPE = 'es-sii-identity-type';
export const SII_SIMPLIFIED_ART7273 = 'es-sii-simplified-art7273';
export const SII_THIRD_PARTY_ISSUER = 'es-sii-third-party-issuer';
export const SII_PRODUCT = 'es-sii-product';

const order: Source = {
  title: { en: 'Ministerial Order HFP/417/2017, of May 12th', es: 'Orden Ministerial HFP/417/2017, de 12 de Mayo' },
  url: 'https://www.boe.es/buscar/act.php?id=BOE-A-2017-5312',
};

/** One code of a list: English and Spanish label, optional English guidance. */


function ext(key: string, name: I18n, desc: I18n, values: readonly CodeDef[], sources: readonly Source[] = [order]): ExtensionDef {
  return sources.length > 0 ? { key, name, desc, values, sources } : { key, name, desc, values };
}

export const siiExtensions: readonly ExtensionDef[] = [
  ext(
    SII_DOC_TYPE,
    { en: 'Invoice Type', es: 'Tipo de Factura' },
    {
      en: 'TipoFactura (lists L2_EMI/L2_RECI). Set by scenarios: F1 standard, F2 simplified, F3 replacement, R5 simplified corrections; other corrections default to R1. F4, F5, F6, R2, R3, R4, AJ and LC must be given explicitly.',
      es: 'TipoFactura (listas L2_EMI/L2_RECI). Lo asignan los escenarios: F1 normal, F2 simplificada, F3 sustitutiva, R5 rectificativa de simplificada; el resto de rectificativas usan R1 por defecto.',
    },
    [
      code('F1', 'Invoice (Article 6, 7.2 and 7.3 of RD 1619/2012)', 'Factura (Art. 6, 7.2 y 7.3 del RD 1619/2012)', 'Regular invoices.'),
      code('F2', 'Simplified invoice (Article 6.1.d) of RD 1619/2012)', 'Factura Simplificada (Art. 6.1.d) del RD 1619/2012)', 'B2C invoices without full customer details.'),
      code('F3', 'Invoice issued as replacement of simplified invoice', 'Factura emitida en sustitución de facturas simplificadas', 'A regular invoice that replaces simplified ones.'),
      code('F4', 'Summary entry of invoices', 'Asiento resumen de facturas', 'One entry grouping several invoices.'),
      code('F5', 'Imports (DUA)', 'Importaciones (DUA)', 'Imports declared with a DUA; received invoices only.'),
      code('F6', 'Accounting justifications', 'Justificantes contables', 'Accounting vouchers; received invoices only.'),
      code('R1', 'Rectified invoice: articles 80.1, 80.2, and 80.6', 'Factura rectificativa: art. 80 Uno, Dos y Seis LIVA', 'Default for corrections: cancellations, discounts and most errors.'),
      code('R2', 'Rectified invoice: article 80.3', 'Factura rectificativa: artículo 80.3', 'Customer in court insolvency proceedings.'),
      code('R3', 'Rectified invoice: article 80.4', 'Factura rectificativa: artículo 80.4', 'Bad debts after the 6 or 12 month waiting period.'),
      code('R4', 'Rectified invoice: other', 'Factura rectificativa: resto', 'Any other legal or court-ordered correction.'),
      code('R5', 'Rectified invoice: simplified invoices', 'Factura rectificativa: facturas simplificadas', 'Corrections of simplified invoices.'),
      code('AJ', 'Profit margin adjustment', 'Ajuste del margen de beneficio', 'Issued invoices only.'),
      code('LC', 'Customs - Complementary settlement', 'Aduanas - Liquidación complementaria', 'Received invoices only.'),
    ],
  ),
  ext(
    SII_CORRECTION_TYPE,
    { en: 'Corrective Invoice Type', es: 'Tipo de Factura Rectificativa' },
    {
      en: 'TipoRectificativa (list L5), set from the invoice type: corrective is S, credit and debit notes are I.',
      es: 'TipoRectificativa (lista L5), según el tipo de factura: corrective S, credit-note y debit-note I.',
    },
    [code('S', 'Substitution', 'Por Sustitución'), code('I', 'Differences', 'Por Diferencias')],
  ),
  ext(
    SII_EXEMPT,
    { en: 'Exemption Reason', es: 'Causa de Exención' },
    {
      en: 'CausaExencion (list L9), derived from the combo key: exempt E1 (or E6), export E2 (or E3, E4), intra-community E5. Never together with es-sii-outside-scope.',
      es: 'CausaExencion (lista L9), según la clave del impuesto: exempt E1 (o E6), export E2 (o E3, E4), intra-community E5. Incompatible con es-sii-outside-scope.',
    },
    [
      code('E1', 'Exempt pursuant to Art. 20 (internal operations).', 'Exenta por el art. 20 (operaciones interiores).', 'Domestic exemptions: health, education, finance, insurance, housing rental...'),
      code('E2', 'Exempt pursuant to Art. 21 (exports of goods).', 'Exenta por el art. 21 (exportaciones de bienes).', 'Goods exported outside the EU and related services.'),
      code('E3', 'Exempt pursuant to Art. 22 (operations asimilated to exports).', 'Exenta por el art. 22 (operaciones asimiladas a las exportaciones).', 'Ships, aircraft and international transport services.'),
      code(
        'E4',
        'Exempt pursuant to Art. 23 and 24 (temporary deposit, customs and fiscal regimes, and other situations).',
        'Exenta por los art. 23 y 24 (situaciones de depósito temporal, regímenes aduaneros y fiscales, y otras situaciones).',
        'Free zones, customs warehouses and similar regimes.',
      ),
      code('E5', 'Exempt pursuant to Art. 25 (delivery of goods destined to another Member State).', 'Exenta por el art. 25 (entregas de bienes destinados a otro Estado miembro).', 'Intra-community supplies of goods.'),
      code('E6', 'Exempt pursuant to other reasons', 'Exenta por otra causa', 'Any other lawful exemption; state the legal basis on the invoice.'),
    ],
  ),
  ext(
    SII_OUTSIDE_SCOPE,
    { en: 'Type of Operation Outside Scope', es: 'Tipo de Operación No Sujeta' },
    {
      en: 'Chooses the SII amount field for outside-scope operations: other (ImportePorArticulos7_14_Otros) or location (ImporteTAIReglasLocalizacion, the default). Never together with es-sii-exempt.',
      es: 'Elige el importe SII de las operaciones no sujetas: other (artículos 7, 14 y otros) o location (reglas de localización, por defecto). Incompatible con es-sii-exempt.',
    },
    [
      code('other', 'Outside scope - Articles 7, 14, others', 'Operación No Sujeta por artículo 7, 14, otros', 'Outside Spanish VAT by law (e.g. transfer of a business).'),
      code('location', 'Outside scope - Due to location rules', 'Operación No Sujeta por Reglas de localización', 'Place of supply outside Spain (e.g. services to non-EU businesses).'),
    ],
  ),
  ext(
    SII_REGIME,
    { en: 'Special Regime or Relevance Key', es: 'Clave de Régimen Especial o Trascendencia' },
    {
      en: 'ClaveRegimenEspecialOTrascendencia (lists L3.1/L3.2), one per tax combo. When missing: 02 for exports, 01 otherwise.',
      es: 'ClaveRegimenEspecialOTrascendencia (listas L3.1/L3.2), una por impuesto. Si falta: 02 en exportaciones, 01 en el resto.',
    },
    [
      code('01', 'General regime operation', 'Operación de régimen general'),
      code(
        '02',
        'Export (L3.1) / Operations for which businesses pay compensation in acquisitions from individuals under the special regime for agriculture, livestock, and fishing (L3.2)',
        'Exportación (L3.1) / Operaciones por las que los empresarios satisfacen compensaciones en las adquisiciones a personas acogidas al Régimen especial de la agricultura, ganadería y pesca (L3.2)',
      ),
      code('03', 'Special regime for used goods, art objects, antiques and collectibles', 'Operaciones a las que se aplique el régimen especial de bienes usados, objetos de arte, antigüedades y objetos de colección'),
      code('04', 'Special regime for investment gold', 'Régimen especial del oro de inversión'),
      code('05', 'Special regime for travel agencies', 'Régimen especial de las agencias de viajes'),
      code('06', 'Special regime for VAT/IGIC groups (Advanced Level)', 'Régimen especial grupo de entidades en IVA/IGIC (Nivel Avanzado)'),
      code('07', 'Special cash accounting regime', 'Régimen especial del criterio de caja'),
      code(
        '08',
        'Operations subject to IPSI / IGIC (Tax on Production, Services and Imports / Canary Islands General Indirect Tax)',
        'Operaciones sujetas al IPSI / IGIC (Impuesto sobre la Producción, los Servicios y la Importación / Impuesto General Indirecto Canario)',
      ),
      code(
        '09',
        'Billing of travel agency services acting as mediators in name and on behalf of others',
        'Facturación de las prestaciones de servicios de agencias de viaje que actúan como mediadoras en nombre y por cuenta ajena',
      ),
      code('10', 'Collection of professional fees or rights on behalf of third parties', 'Cobros por cuenta de terceros de honorarios profesionales o de derechos derivados de la propiedad industrial'),
      code('11', 'Business premises rental operations', 'Operaciones de arrendamiento de local de negocio'),
      code('12', 'Business premises rental operations not subject to withholding', 'Operaciones de arrendamiento de local de negocio no sujetos a retención'),
      code(
        '13',
        'Business premises rental operations subject and not subject to withholding (L3.1) / Invoice corresponding to an import (reported without being associated with a DUA) (L3.2)',
        'Operaciones de arrendamiento de local de negocio sujetas y no sujetas a retención (L3.1) / Factura correspondiente a una importación (informada sin asociar a un DUA) (L3.2)',
      ),
      code(
        '14',
        'Invoice with pending VAT/IGIC accrual in work certifications for Public Administration (L3.1) / First half of 2017 and other invoices prior to inclusion in the SII (L3.2)',
        'Factura con IVA pendiente de devengo en certificaciones de obra cuyo destinatario sea una Administración Pública (L3.1) / Primer semestre 2017 y otras facturas anteriores a la inclusión en el SII (L3.2)',
      ),
      code('15', 'Invoice with pending VAT/IGIC accrual in successive tract operations', 'Factura con IVA/IGIC pendiente de devengo en operaciones de tracto sucesivo'),
      code('16', 'First half of 2017 and other invoices prior to inclusion in the SII', 'Primer semestre 2017 y otras facturas anteriores a la inclusión en el SII'),
      code(
        '17',
        'Operation covered by one of the regimes provided for in Chapter XI of Title IX (OSS and IOSS)',
        'Operación acogida a alguno de los regímenes previstos en el Capítulo XI del Título IX (OSS e IOSS)',
      ),
    ],
  ),
  ext(
    SII_IDENTITY_TYPE,
    { en: 'Identification Type', es: 'Tipos de Identificación' },
    {
      en: 'IDOtro/IDType (list L4) for customers without a Spanish tax ID. The first customer identity gets it from its key: passport 03, foreign 04, resident 05, other 06. Code 07 must be given explicitly.',
      es: 'IDOtro/IDType (lista L4) para clientes sin NIF español. La primera identidad del cliente lo recibe según su clave: passport 03, foreign 04, resident 05, other 06. El 07 se indica a mano.',
    },
    aeatIdentityTypeCodes,
  ),
  ext(
    SII_SIMPLIFIED_ART7273,
    { en: 'Simplified Invoice Art. 7.2 and 7.3, RD 1619/2012', es: 'Factura Simplificada Articulo 7,2 y 7,3 RD 1619/2012' },
    {
      en: 'FacturaSimplificadaArticulos7.2_7.3 (list L26): the customer asked for their details on an invoice although not registered for tax. Only with doc types F1, F3, R1, R2, R3 or R4.',
      es: 'FacturaSimplificadaArticulos7.2_7.3 (lista L26): el cliente pide sus datos en la factura sin estar registrado. Solo con tipos F1, F3, R1, R2, R3 o R4.',
    },
    yesNoCodes,
  ),
  ext(
    SII_THIRD_PARTY_ISSUER,
    { en: 'Issued by Third Party or Recipient', es: 'Emitida por Tercero o Destinatario' },
    {
      en: 'EmitidaPorTercerosODestinatario (list L10), N by default. Set to S by the self-billed tag or when ordering.issuer is given.',
      es: 'EmitidaPorTercerosODestinatario (lista L10), N por defecto. Vale S con la etiqueta self-billed o si hay ordering.issuer.',
    },
    yesNoCodes,
  ),
  ext(
    SII_PRODUCT,
    { en: 'Product Type', es: 'Tipo de Producto' },
    {
      en: 'Chooses DesgloseTipoOperacion (goods: Entrega, services: PrestacionServicios) instead of DesgloseFactura; copied from the line item key. Optional, but all combos or none.',
      es: 'Elige DesgloseTipoOperacion (bienes: Entrega, servicios: PrestacionServicios) en lugar de DesgloseFactura; se copia de la clave del artículo. Opcional, pero en todos los impuestos o en ninguno.',
    },
    [code('goods', 'Delivery of goods', 'Entrega de bienes'), code('services', 'Provision of services', 'Prestación de servicios')],
    [],
  ),
];
