/**
 * VERI*FACTU code lists (Orden HAC/1177/2024, lists L2 to L10 of the AEAT's design). Names are
 * the labels GOBL publishes in English and Spanish; the descriptions are ours and say how the
 * engine fills each extension.
 */
import type { CodeDef, ExtensionDef, I18n, Source } from '../../tax/regime-def.ts';
import { aeatIdentityTypeCodes, code, yesNoCodes } from '../es-common/codes.ts';

export const VERIFACTU_DOC_TYPE = 'es-verifactu-doc-type';
export const VERIFACTU_CORRECTION_TYPE = 'es-verifactu-correction-type';
export const VERIFACTU_OP_CLASS = 'es-verifactu-op-class';
export const VERIFACTU_EXEMPT = 'es-verifactu-exempt';
export const VERIFACTU_REGIME = 'es-verifactu-regime';
export const VERIFACTU_IDENTITY_TYPE = 'es-verifactu-identity-type';
export const VERIFACTU_SIMPLIFIED_ART7273 = 'es-verifactu-simplified-art7273';
export const VERIFACTU_ISSUER_TYPE = 'es-verifactu-issuer-type';

const order: Source = {
  title: { en: 'Verifactu Ministerial Order', es: 'Orden Ministerial de Verifactu' },
  url: 'https://www.boe.es/diario_boe/txt.php?id=BOE-A-2024-22138',
};


function ext(key: string, name: I18n, desc: I18n, values: readonly CodeDef[], sources?: readonly Source[]): ExtensionDef {
  return sources ? { key, name, desc, values, sources } : { key, name, desc, values };
}

export const verifactuExtensions: readonly ExtensionDef[] = [
  ext(
    VERIFACTU_DOC_TYPE,
    { en: 'Invoice Type Code', es: 'Código de Tipo de Factura' },
    {
      en: 'TipoFactura (list L2). Set by scenarios: F1 standard, F2 simplified, F3 replacement, R5 simplified corrections; other corrections default to R1. R2, R3 and R4 must be given explicitly.',
      es: 'TipoFactura (lista L2). Lo asignan los escenarios: F1 normal, F2 simplificada, F3 sustitutiva, R5 rectificativa de simplificada; el resto de rectificativas usan R1 por defecto.',
    },
    [
      code('F1', 'Invoice (Article 6, 7.2 and 7.3 of RD 1619/2012)', 'Factura (Art. 6, 7.2 y 7.3 del RD 1619/2012)', 'Regular invoices.'),
      code('F2', 'Simplified invoice (Article 6.1.d) of RD 1619/2012)', 'Factura Simplificada (Art. 6.1.d) del RD 1619/2012)', 'B2C invoices without full customer details.'),
      code('F3', 'Invoice issued as replacement of simplified invoice', 'Factura emitida en sustitución de facturas simplificadas', 'A regular invoice that replaces simplified ones.'),
      code('R1', 'Rectified invoice: articles 80.1, 80.2, and 80.6', 'Factura rectificativa: art. 80 Uno, Dos y Seis LIVA', 'Default for corrections: cancellations, discounts and most errors.'),
      code('R2', 'Rectified invoice: article 80.3', 'Factura rectificativa: artículo 80.3', 'Customer in court insolvency proceedings.'),
      code('R3', 'Rectified invoice: article 80.4', 'Factura rectificativa: artículo 80.4', 'Bad debts after the 6 or 12 month waiting period.'),
      code('R4', 'Rectified invoice: other', 'Factura rectificativa: resto', 'Any other legal or court-ordered correction.'),
      code('R5', 'Rectified invoice: simplified invoices', 'Factura rectificativa: facturas simplificadas', 'Corrections of simplified invoices.'),
    ],
    [order],
  ),
  ext(
    VERIFACTU_CORRECTION_TYPE,
    { en: 'Verifactu Correction Type Code', es: 'Código de Tipo de Corrección de Verifactu' },
    {
      en: 'TipoRectificativa (list L3), set from the invoice type: corrective is S, credit and debit notes are I.',
      es: 'TipoRectificativa (lista L3), según el tipo de factura: corrective S, credit-note y debit-note I.',
    },
    [code('S', 'Substitution', 'Por Sustitución'), code('I', 'Differences', 'Por Diferencias')],
  ),
  ext(
    VERIFACTU_OP_CLASS,
    { en: 'Subject and Not Exempt Operation Class Code', es: 'Clave de la Operación Sujeta y no Exenta o de la Operación no Sujeta.' },
    {
      en: 'CalificacionOperacion (list L9), derived from the combo key: standard and zero S1, reverse-charge S2, outside-scope N2 (or N1); removed for exempt keys. Never together with es-verifactu-exempt.',
      es: 'CalificacionOperacion (lista L9), según la clave del impuesto: standard y zero S1, reverse-charge S2, outside-scope N2 (o N1); se quita en las exentas. Incompatible con es-verifactu-exempt.',
    },
    [
      code('S1', 'Subject and Not Exempt - Without reverse charge', 'Operación Sujeta y No exenta - Sin inversión del sujeto pasivo', 'Ordinary taxed sales.'),
      code('S2', 'Subject and Not Exempt - With reverse charge', 'Operación Sujeta y No exenta - Con Inversión del sujeto pasivo', 'Taxed, but the buyer accounts for the VAT.'),
      code('N1', 'Not Subject - Articles 7, 14, others', 'Operación No Sujeta artículo 7, 14, otros', 'Outside Spanish VAT by law (e.g. transfer of a business).'),
      code('N2', 'Not Subject - Due to location rules', 'Operación No Sujeta por Reglas de localización', 'Place of supply outside Spain (e.g. services to non-EU businesses).'),
    ],
  ),
  ext(
    VERIFACTU_EXEMPT,
    { en: 'Verifactu Exemption Code', es: 'Código de Exención de Impuesto de Verifactu' },
    {
      en: 'OperacionExenta (list L10), derived from the combo key: exempt E1 (or E6), export E2 (or E3, E4), intra-community E5; removed for other keys. Never together with es-verifactu-op-class.',
      es: 'OperacionExenta (lista L10), según la clave del impuesto: exempt E1 (o E6), export E2 (o E3, E4), intra-community E5. Incompatible con es-verifactu-op-class.',
    },
    [
      code('E1', 'Exempt: pursuant to Article 20. Exemptions in internal operations.', 'Exenta: por el artículo 20. Exenciones en operaciones interiores.', 'Domestic exemptions: health, education, finance, insurance, housing rental...'),
      code('E2', 'Exempt: pursuant to Article 21. Exemptions in exports of goods.', 'Exenta: por el artículo 21. Exenciones en las exportaciones de bienes.', 'Goods exported outside the EU and related services.'),
      code(
        'E3',
        'Exempt: pursuant to Article 22. Exemptions in operations asimilated to exports.',
        'Exenta: por el artículo 22. Exenciones en las operaciones asimiladas a las exportaciones.',
        'Ships, aircraft and international transport services.',
      ),
      code(
        'E4',
        'Exempt: pursuant to Articles 23 and 24. Exemptions related to temporary deposit, customs and fiscal regimes, and other situations.',
        'Exenta: por el artículos 23 y 24. Exenciones relativas a las situaciones de depósito temporal, regímenes aduaneros y fiscales, y otras situaciones.',
        'Free zones, customs warehouses and similar regimes.',
      ),
      code(
        'E5',
        'Exempt: pursuant to Article 25. Exemptions in the delivery of goods destined to another Member State.',
        'Exenta: por el artículo 25. Exenciones en las entregas de bienes destinados a otro Estado miembro.',
        'Intra-community supplies of goods.',
      ),
      code('E6', 'Exempt: pursuant to other reasons', 'Exenta: por otra causa', 'Any other lawful exemption; state the legal basis on the invoice.'),
    ],
  ),
  ext(
    VERIFACTU_REGIME,
    { en: 'VAT/IGIC Regime Code', es: 'Código de Régimen de IVA/IGIC' },
    {
      en: 'ClaveRegimen (lists L8A for VAT, L8B for IGIC), required on every VAT and IGIC combo. When missing: 02 for exports, 18 when the combo states a surcharge, 01 otherwise.',
      es: 'ClaveRegimen (listas L8A de IVA y L8B de IGIC), obligatoria en cada impuesto IVA o IGIC. Si falta: 02 en exportaciones, 18 si el impuesto indica recargo, 01 en el resto.',
    },
    [
      code('01', 'General regime operation', 'Operación de régimen general'),
      code('02', 'Export', 'Exportación'),
      code('03', 'Special regime for used goods, art objects, antiques and collectibles', 'Operaciones a las que se aplique el régimen especial de bienes usados, objetos de arte, antigüedades y objetos de colección'),
      code('04', 'Special regime for investment gold', 'Régimen especial del oro de inversión'),
      code('05', 'Special regime for travel agencies', 'Régimen especial de las agencias de viajes'),
      code('06', 'Special regime for VAT/IGIC groups (Advanced Level)', 'Régimen especial grupo de entidades en IVA/IGIC (Nivel Avanzado)'),
      code('07', 'Special cash accounting regime', 'Régimen especial del criterio de caja'),
      code('08', 'Operations subject to a different regime', 'Operaciones sujetas a un régimen diferente'),
      code(
        '09',
        'Billing of travel agency services acting as mediators in name and on behalf of others',
        'Facturación de las prestaciones de servicios de agencias de viaje que actúan como mediadoras en nombre y por cuenta ajena',
      ),
      code('10', 'Collection of professional fees or rights on behalf of third parties', 'Cobros por cuenta de terceros de honorarios profesionales o de derechos derivados de la propiedad industrial'),
      code('11', 'Business premises rental operations', 'Operaciones de arrendamiento de local de negocio'),
      code(
        '14',
        'Invoice with pending VAT/IGIC accrual in work certifications for Public Administration',
        'Factura con IVA/IGIC pendiente de devengo en certificaciones de obra cuyo destinatario sea una Administración Pública',
      ),
      code('15', 'Invoice with pending VAT/IGIC accrual in successive tract operations', 'Factura con IVA/IGIC pendiente de devengo en operaciones de tracto sucesivo'),
      code(
        '17',
        'Operation under OSS and IOSS regimes (VAT) / Special regime for retail traders. (IGIC)',
        'Operación acogida a alguno de los regímenes previstos en el capítulo XI del título IX (OSS e IOSS, IVA) / Régimen especial de comerciante minorista. (IGIC)',
      ),
      code(
        '18',
        'Equivalence surcharge (VAT) / Special regime for small traders or retailers (IGIC)',
        'Recargo de equivalencia (IVA) / Régimen especial del pequeño comerciante o minorista (IGIC)',
      ),
      code(
        '19',
        'Operations included in the Special Regime for Agriculture, Livestock and Fisheries',
        'Operaciones de actividades incluidas en el Régimen Especial de Agricultura, Ganadería y Pesca (REAGYP)',
      ),
      code('20', 'Simplified regime (VAT only)', 'Régimen simplificado (IVA only)'),
    ],
  ),
  ext(
    VERIFACTU_IDENTITY_TYPE,
    { en: 'Identity Type Code', es: 'Código de Tipo de Identidad' },
    {
      en: 'IDOtro/IDType (list L7) for customers without a Spanish tax ID. The first customer identity gets it from its key: passport 03, foreign 04, resident 05, other 06. Code 07 must be given explicitly.',
      es: 'IDOtro/IDType (lista L7) para clientes sin NIF español. La primera identidad del cliente lo recibe según su clave: passport 03, foreign 04, resident 05, other 06. El 07 se indica a mano.',
    },
    aeatIdentityTypeCodes,
  ),
  ext(
    VERIFACTU_SIMPLIFIED_ART7273,
    { en: 'Simplified Invoice Art. 7.2 and 7.3, RD 1619/2012', es: 'Factura Simplificada Articulo 7,2 y 7,3 RD 1619/2012' },
    {
      en: 'FacturaSimplificadaArt7273: the customer asked for their details on an invoice although not registered for tax. Only with doc types F1, F3, R1, R2, R3 or R4.',
      es: 'FacturaSimplificadaArt7273: el cliente pide sus datos en la factura sin estar registrado. Solo con tipos F1, F3, R1, R2, R3 o R4.',
    },
    yesNoCodes,
  ),
  ext(
    VERIFACTU_ISSUER_TYPE,
    { en: 'Issuer Type Code', es: 'Emitida por Tercero o Destinatario' },
    {
      en: 'EmitidaPorTerceroODestinatario (list L6): D with the self-billed tag, T when ordering.issuer is given (T wins when both apply).',
      es: 'EmitidaPorTerceroODestinatario (lista L6): D con la etiqueta self-billed, T si hay ordering.issuer (T prevalece si se dan ambos).',
    },
    [code('T', 'Issued by Third Party', 'Emitida por Tercero'), code('D', 'Issued by Customer', 'Emitida por Destinatario')],
  ),
];
