/**
 * Where each authority listens, as data. Test and production hosts per operation, with sources
 * (converters.md §1.7, §3.1, §4.4, §6). The embedded sandbox serves the same paths on loopback, so
 * switching environment only changes the origin.
 */
export type AuthorityKey = 'tbai-gipuzkoa' | 'tbai-araba' | 'tbai-bizkaia' | 'sii' | 'verifactu' | 'vnif';
export type Environment = 'sandbox' | 'test' | 'production';

export type Operation =
  | 'alta'
  | 'cancel'
  | 'lroe'
  | 'sii-issued'
  | 'sii-received'
  | 'verifactu'
  | 'vnif';

export interface Endpoint {
  readonly test: string;
  readonly production: string;
  readonly sources: readonly string[];
}

export const AUTHORITIES: readonly AuthorityKey[] = ['tbai-gipuzkoa', 'tbai-araba', 'tbai-bizkaia', 'sii', 'verifactu', 'vnif'];

export const ENDPOINTS: Readonly<Record<AuthorityKey, Partial<Record<Operation, Endpoint>>>> = {
  'tbai-gipuzkoa': {
    alta: {
      test: 'https://tbai-z.prep.gipuzkoa.eus/sarrerak/alta',
      production: 'https://tbai-z.egoitza.gipuzkoa.eus/sarrerak/alta',
      sources: ['invopop/gobl.ticketbai internal/gateways/gipuzkoa.go (2026)', 'TBAI Descripción Servicios Rest Gipuzkoa v0.2'],
    },
    cancel: {
      test: 'https://tbai-z.prep.gipuzkoa.eus/sarrerak/baja',
      production: 'https://tbai-z.egoitza.gipuzkoa.eus/sarrerak/baja',
      sources: ['invopop/gobl.ticketbai internal/gateways/gipuzkoa.go (2026)'],
    },
  },
  'tbai-araba': {
    alta: {
      test: 'https://pruebas-ticketbai.araba.eus/TicketBAI/v1/facturas/',
      production: 'https://ticketbai.araba.eus/TicketBAI/v1/facturas/',
      sources: ['invopop/gobl.ticketbai internal/gateways/araba.go', 'OCA l10n_es_ticketbai_api'],
    },
    cancel: {
      test: 'https://pruebas-ticketbai.araba.eus/TicketBAI/v1/anulaciones/',
      production: 'https://ticketbai.araba.eus/TicketBAI/v1/anulaciones/',
      sources: ['invopop/gobl.ticketbai internal/gateways/araba.go'],
    },
  },
  'tbai-bizkaia': {
    lroe: {
      test: 'https://pruesarrerak.bizkaia.eus/N3B4000M/aurkezpena',
      production: 'https://sarrerak.bizkaia.eus/N3B4000M/aurkezpena',
      sources: ['Batuz LROE Especificaciones Envío Masivo 1.0.7 §6', 'Batuz LROE Entorno Pruebas 1.0.4'],
    },
  },
  sii: {
    'sii-issued': {
      test: 'https://prewww1.aeat.es/wlpl/SSII-FACT/ws/fe/SiiFactFEV1SOAP',
      production: 'https://www1.agenciatributaria.gob.es/wlpl/SSII-FACT/ws/fe/SiiFactFEV1SOAP',
      sources: ['AEAT SuministroFactEmitidas.wsdl'],
    },
    'sii-received': {
      test: 'https://prewww1.aeat.es/wlpl/SSII-FACT/ws/fr/SiiFactFRV1SOAP',
      production: 'https://www1.agenciatributaria.gob.es/wlpl/SSII-FACT/ws/fr/SiiFactFRV1SOAP',
      sources: ['AEAT SuministroFactRecibidas.wsdl'],
    },
  },
  verifactu: {
    verifactu: {
      test: 'https://prewww1.aeat.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
      production: 'https://www1.agenciatributaria.gob.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP',
      sources: ['AEAT SistemaFacturacion.wsdl (www10/prewww10 for seal certificates)'],
    },
  },
  vnif: {
    vnif: {
      // AEAT publishes no test environment with real data: "test" also points at production.
      test: 'https://www1.agenciatributaria.gob.es/wlpl/BURT-JDIT/ws/VNifV2SOAP',
      production: 'https://www1.agenciatributaria.gob.es/wlpl/BURT-JDIT/ws/VNifV2SOAP',
      sources: ['AEAT VNifV2.wsdl', 'invopop/gobl.tin'],
    },
  },
};

/** The URL for an operation; in the sandbox, the same path on the sandbox origin. */
export function endpointUrl(authority: AuthorityKey, op: Operation, env: Environment, sandboxOrigin?: string): string {
  const ep = ENDPOINTS[authority][op];
  if (!ep) throw new Error(`${authority} has no ${op} operation`);
  if (env === 'sandbox') {
    if (!sandboxOrigin) throw new Error('no sandbox origin configured');
    const u = new URL(ep.production);
    return sandboxOrigin.replace(/\/$/, '') + u.pathname;
  }
  return ep[env];
}
