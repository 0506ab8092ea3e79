/**
 * TicketBAI extension keys and their code lists (GOBL `addons/es/tbai/extensions.go`, v0.502.1).
 * Codes are the values of the TicketBAI XSD (Orden Foral 1482/2020 Bizkaia, Decreto Foral
 * 32/2020 Gipuzkoa, Orden Foral 662/2020 Araba, all implementing the common TicketBAI format);
 * names and descriptions are ours.
 */
import type { ExtensionDef } from '../../tax/regime-def.ts';

export const EXT_REGION = 'es-tbai-region';
export const EXT_PRODUCT = 'es-tbai-product';
export const EXT_EXEMPTION = 'es-tbai-exemption';
export const EXT_CORRECTION = 'es-tbai-correction';
export const EXT_REGIME = 'es-tbai-regime';
export const EXT_BI_ACTIVITY = 'es-tbai-bi-activity';
export const EXT_IDENTITY_TYPE = 'es-tbai-identity-type';
export const EXT_SIMPLIFIED = 'es-tbai-simplified';

/** Bizkaia's epígrafe: up to seven digits (Batuz LROE activity code list). */
export const BI_ACTIVITY_PATTERN = '^\\d{1,7}$';

const region: ExtensionDef = {
  key: EXT_REGION,
  name: { en: 'TicketBAI Region Code', es: 'Código de Región TicketBAI' },
  desc: {
    en: 'Basque province (territorio histórico) whose tax office receives the invoice; it selects the submission endpoint.',
    es: 'Territorio histórico vasco cuya hacienda recibe la factura; determina el servicio de envío.',
  },
  values: [
    { code: 'VI', name: { en: 'Araba', es: 'Álava' } },
    { code: 'BI', name: { en: 'Bizkaia', es: 'Vizcaya' } },
    { code: 'SS', name: { en: 'Gipuzkoa', es: 'Guipúzcoa' } },
  ],
};

const product: ExtensionDef = {
  key: EXT_PRODUCT,
  name: { en: 'TicketBAI Product Key', es: 'Clave de Producto TicketBAI' },
  desc: {
    en: 'Whether a VAT line is a delivery of goods or a provision of services (needed to break down foreign operations). Taken from the line item key; lines without one count as services.',
    es: 'Indica si una línea con IVA es entrega de bienes o prestación de servicios (necesario para desglosar operaciones con el extranjero). Se toma de la clave del artículo; sin clave se consideran servicios.',
  },
  values: [
    { code: 'goods', name: { en: 'Delivery of goods', es: 'Entrega de bienes' } },
    { code: 'services', name: { en: 'Provision of services', es: 'Prestación de servicios' } },
    {
      code: 'resale',
      name: {
        en: 'Resale of goods without modification by vendor in the simplified regime',
        es: 'Reventa de bienes sin modificación por vendedor en régimen simplificado',
      },
    },
  ],
};

const exemption: ExtensionDef = {
  key: EXT_EXEMPTION,
  name: { en: 'TicketBAI Exemption code', es: 'Código de Exención de TicketBAI' },
  desc: {
    en: 'One code for exempt, not-subject and reverse-charge operations (TicketBAI keeps them apart). Derived from the combo key: exempt E1 (default)/E6; export E2 (default)/E3/E4; intra-community E5; reverse-charge S2; outside-scope RL (default)/IE/OT/VT.',
    es: 'Un único código para operaciones exentas, no sujetas y con inversión del sujeto pasivo (TicketBAI las separa). Se deriva de la clave del combo: exenta E1 (por defecto)/E6; exportación E2 (por defecto)/E3/E4; intracomunitaria E5; inversión S2; no sujeta RL (por defecto)/IE/OT/VT.',
  },
  values: [
    { code: 'E1', name: { en: 'Exempt: pursuant to Article 20 of the Foral VAT Law', es: 'Exenta: por el artículo 20 de la Norma Foral del IVA' } },
    { code: 'E2', name: { en: 'Exempt: pursuant to Article 21 of the Foral VAT Law', es: 'Exenta: por el artículo 21 de la Norma Foral del IVA' } },
    { code: 'E3', name: { en: 'Exempt: pursuant to Article 22 of the Foral VAT Law', es: 'Exenta: por el artículo 22 de la Norma Foral del IVA' } },
    {
      code: 'E4',
      name: { en: 'Exempt: pursuant to Articles 23 and 24 of the Foral VAT Law', es: 'Exenta: por los artículos 23 y 24 de la Norma Foral del IVA' },
    },
    { code: 'E5', name: { en: 'Exempt: pursuant to Article 25 of the Foral VAT law', es: 'Exenta: por el artículo 25 de la Norma Foral del IVA' } },
    { code: 'E6', name: { en: 'Exempt: pursuant to other reasons', es: 'Exenta: por otra causa' } },
    {
      code: 'OT',
      name: {
        en: 'Not subject: pursuant to Article 7 of the VAT Law - other cases of non-subject',
        es: 'No sujeto: por el artículo 7 de la Ley del IVA - otros supuestos de no sujeción',
      },
    },
    { code: 'RL', name: { en: 'Not subject: pursuant to localization rules', es: 'No sujeto: por reglas de localización' } },
    {
      code: 'VT',
      name: {
        en: 'Not subject: sales made on behalf of third parties (amount not computable for VAT or IRPF purposes)',
        es: 'No sujeto: ventas realizadas por cuenta de terceros (importe no computable a efectos de IVA ni de IRPF)',
      },
    },
    {
      code: 'IE',
      name: {
        en: 'Not subject in the TAI due to localization rules, but foreign tax, IPS/IGIC or VAT from another EU member state is passed on',
        es: 'No sujeto en el TAI por reglas de localización, pero repercute impuesto extranjero, IPS/IGIC o IVA de otro estado miembro UE',
      },
    },
    { code: 'S2', name: { en: 'Subject and not exempt: with reverse charge', es: 'Sujeto y no exenta: con inversión del sujeto pasivo' } },
  ],
};

const correction: ExtensionDef = {
  key: EXT_CORRECTION,
  name: { en: 'TicketBAI Rectification Type Code', es: 'TicketBAI Código de Factura Rectificativa' },
  desc: {
    en: 'Why a preceding invoice is rectified; required on every preceding document reference.',
    es: 'Motivo de la rectificación de la factura anterior; obligatorio en cada referencia a documento anterior.',
  },
  values: [
    {
      code: 'R1',
      name: {
        en: 'Rectified invoice: error based on law and Article 80 One, Two and Six of the Provincial Tax Law of VAT',
        es: 'Factura rectificativa: error fundado en derecho y Art. 80 Uno, Dos y Seis de la Norma Foral del IVA',
        eu: 'Faktura zuzentzailea: zuzenbidean oinarritutako akatsa eta BEZaren Foru Arauaren 80.artikuluko Bat, Bi eta Sei',
      },
    },
    {
      code: 'R2',
      name: {
        en: 'Rectified invoice: error based on law and Article 80 Three of the Provincial Tax Law of VAT',
        es: 'Factura rectificativa: artículo 80 Tres de la Norma Foral del IVA',
        eu: 'Faktura zuzentzailea: BEZari buruzko Foru Arauko 80. artikuluko Hiru',
      },
    },
    {
      code: 'R3',
      name: {
        en: 'Rectified invoice: error based on law and Article 80 Four of the Provincial Tax Law of VAT',
        es: 'Factura rectificativa: artículo 80 Cuatro de la Norma Foral del IVA',
        eu: 'Faktura zuzentzailea: BEZari buruzko Foru Arauko 80. artikuluko Lau',
      },
    },
    { code: 'R4', name: { en: 'Rectified invoice: Other', es: 'Factura rectificativa: Resto', eu: 'Faktura zuzentzailea: Gainerakoak' } },
    {
      code: 'R5',
      name: {
        en: 'Rectified invoice: simplified invoices',
        es: 'Factura rectificativa: facturas simplificadas',
        eu: 'Faktura zuzentzaile: faktura erraztuetan',
      },
    },
  ],
};

const regime: ExtensionDef = {
  key: EXT_REGIME,
  name: { en: 'TicketBAI VAT Regime Key', es: 'Clave de Régimen de IVA TicketBAI' },
  desc: {
    en: 'VAT regime or operation class of each combo (ClaveRegimenIvaOpTrascendencia). When missing: IGIC 08, export 02, equivalence surcharge 51, otherwise 01.',
    es: 'Régimen de IVA o trascendencia de cada combo (ClaveRegimenIvaOpTrascendencia). Si falta: IGIC 08, exportación 02, recargo de equivalencia 51, en otro caso 01.',
  },
  values: [
    { code: '01', name: { en: 'General regime operation', es: 'Operación de régimen general' } },
    { code: '02', name: { en: 'Export', es: 'Exportación' } },
    {
      code: '03',
      name: {
        en: 'Special regime for used goods, art objects, antiques and collectibles',
        es: 'Operaciones a las que se aplique el régimen especial de bienes usados, objetos de arte, antigüedades y objetos de colección',
      },
    },
    { code: '04', name: { en: 'Special regime for investment gold', es: 'Régimen especial del oro de inversión' } },
    { code: '05', name: { en: 'Special regime for travel agencies', es: 'Régimen especial de las agencias de viajes' } },
    { code: '06', name: { en: 'Special regime for VAT groups (Advanced Level)', es: 'Régimen especial grupo de entidades en IVA (Nivel Avanzado)' } },
    { code: '07', name: { en: 'Special cash accounting regime', es: 'Régimen especial del criterio de caja' } },
    { code: '08', name: { en: 'Operations subject to IPSI/IGIC', es: 'Operaciones sujetas al IPSI/IGIC' } },
    {
      code: '09',
      name: {
        en: 'Billing of travel agency services acting as mediators in name and on behalf of others',
        es: 'Facturación de las prestaciones de servicios de agencias de viaje que actúan como mediadoras en nombre y por cuenta ajena',
      },
    },
    {
      code: '10',
      name: {
        en: 'Collection of professional fees or industrial property rights on behalf of third parties',
        es: 'Cobros por cuenta de terceros de honorarios profesionales o de derechos derivados de la propiedad industrial',
      },
    },
    {
      code: '11',
      name: { en: 'Business premises rental operations subject to withholding', es: 'Operaciones de arrendamiento de local de negocio sujetos a retención' },
    },
    {
      code: '12',
      name: {
        en: 'Business premises rental operations not subject to withholding',
        es: 'Operaciones de arrendamiento de local de negocio no sujetos a retención',
      },
    },
    {
      code: '13',
      name: {
        en: 'Business premises rental operations, both subject and not subject to withholding',
        es: 'Operaciones de arrendamiento de local de negocio sujetas y no sujetas a retención',
      },
    },
    {
      code: '14',
      name: {
        en: 'Invoice with pending VAT accrual in work certifications for Public Administration',
        es: 'Factura con IVA pendiente de devengo en certificaciones de obra cuyo destinatario sea una Administración Pública',
      },
    },
    {
      code: '15',
      name: {
        en: 'Invoice with pending VAT accrual in successive tract operations',
        es: 'Factura con IVA pendiente de devengo en operaciones de tracto sucesivo',
      },
    },
    {
      code: '17',
      name: {
        en: 'Operation under OSS or IOSS regimes',
        es: 'Operación acogida a alguno de los regímenes previstos en el Capítulo XI del Título IX (OSS e IOSS)',
      },
    },
    { code: '51', name: { en: 'Operations under the equivalence surcharge regime', es: 'Operaciones en recargo de equivalencia' } },
    { code: '52', name: { en: 'Operations under the simplified VAT regime', es: 'Operaciones en régimen simplificado' } },
    {
      code: '53',
      name: {
        en: 'Operations carried out by or for entities without a permanent establishment',
        es: 'Operaciones realizadas por o para entidades sin establecimiento permanente',
      },
    },
  ],
};

const biActivity: ExtensionDef = {
  key: EXT_BI_ACTIVITY,
  name: { en: 'Activity Code (Bizkaia)', es: 'Código de Actividad (Bizkaia)' },
  desc: {
    en: "Economic activity code (epígrafe) of individual suppliers in Bizkaia, who report through the LROE Modelo 140; companies (Modelo 240) don't need it.",
    es: 'Epígrafe de actividad económica de los emisores personas físicas de Bizkaia, que declaran con el LROE Modelo 140; las entidades (Modelo 240) no lo necesitan.',
  },
  pattern: BI_ACTIVITY_PATTERN,
  sources: [
    {
      title: { en: 'Batuz LROE list of activity codes', es: 'Lista de epígrafes LROE Batuz' },
      url: 'https://www.batuz.eus/fitxategiak/batuz/lroe/batuz_lroe_lista_epigrafes_v1_0_4.xlsx',
    },
    {
      title: { en: 'LROE Modelo 140 specification', es: 'Especificación LROE Modelo 140' },
      url: 'https://www.batuz.eus/fitxategiak/batuz/lroe/lroe_140_v_1_0.pdf',
    },
  ],
};

const identityType: ExtensionDef = {
  key: EXT_IDENTITY_TYPE,
  name: { en: 'Identity Type Code', es: 'Código de Tipo de Identidad' },
  desc: {
    en: 'IDType of a customer without a Spanish tax ID (IDOtro). Set on the first customer identity from its key: passport 03, foreign 04, resident 05, other 06.',
    es: 'IDType de un cliente sin NIF español (IDOtro). Se asigna a la primera identidad del cliente según su clave: passport 03, foreign 04, resident 05, other 06.',
  },
  values: [
    { code: '02', name: { en: 'NIF-VAT Identity (VIES)', es: 'NIF-IVA (VIES)' } },
    { code: '03', name: { en: 'Passport', es: 'Pasaporte' } },
    { code: '04', name: { en: 'Foreign Identity Document', es: 'Documento de Identidad Extranjero' } },
    { code: '05', name: { en: 'Residential Certificate', es: 'Certificado Residencia' } },
    { code: '06', name: { en: 'Other Identity Document', es: 'Otro Documento Probatorio' } },
  ],
};

const simplified: ExtensionDef = {
  key: EXT_SIMPLIFIED,
  name: { en: 'TicketBAI Simplified Invoice Flag', es: 'Indicador de Factura Simplificada TicketBAI' },
  desc: {
    en: 'FacturaSimplificada flag: S when the invoice has the simplified tag; absent means N.',
    es: 'Indicador FacturaSimplificada: S cuando la factura lleva la etiqueta simplified; si falta equivale a N.',
  },
  values: [
    { code: 'S', name: { en: 'Yes', es: 'Sí' } },
    { code: 'N', name: { en: 'No', es: 'No' } },
  ],
};

/** In GOBL's order, so catalogues list them the same way. */
export const tbaiExtensions: readonly ExtensionDef[] = [region, product, exemption, correction, regime, biActivity, identityType, simplified];
