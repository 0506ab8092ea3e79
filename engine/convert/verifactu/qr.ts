/**
 * The URL printed as a QR code on every invoice of a VERI*FACTU system: the AEAT's "cotejo"
 * service, where the customer can check that the invoice was registered.
 */

/** Service hosts, as data with their source. */
export const VERIFACTU_QR_HOSTS = {
  production: 'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR',
  test: 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR',
  /** NO VERI*FACTU systems use a different path (not produced by this converter). */
  productionNoVerifactu: 'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu',
  testNoVerifactu: 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu',
  source: {
    title: 'AEAT, Características del QR y especificaciones del servicio de cotejo de facturas (VERI*FACTU)',
    url: 'https://www.agenciatributaria.es/static_files/AEAT_Desarrolladores/EEDD/IVA/VERI-FACTU/DetalleEspecificacTecnCodigoQRfactura.pdf',
  },
} as const;

export interface VerifactuQrFields {
  readonly env: 'test' | 'production';
  /** IDEmisorFactura. */
  readonly nif: string;
  /** NumSerieFactura (series and code as in the record). */
  readonly seriesCode: string;
  /** FechaExpedicionFactura, `dd-mm-yyyy` (an ISO `yyyy-mm-dd` date is converted). */
  readonly issueDate: string;
  /** ImporteTotal exactly as in the record. */
  readonly total: string;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;
const HEX = '0123456789ABCDEF';

/** application/x-www-form-urlencoded as Go's `url.QueryEscape`: unreserved characters stay,
 * space becomes `+`, every other UTF-8 byte is `%XX` (upper case). */
export function queryEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === ' ') out += '+';
    else if (UNRESERVED.test(ch)) out += ch;
    else {
      const raw = ch.codePointAt(0) ?? 0xfffd;
      const cp = raw >= 0xd800 && raw <= 0xdfff ? 0xfffd : raw; // lone surrogate, as Go
      const bytes: number[] =
        cp < 0x80
          ? [cp]
          : cp < 0x800
            ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)]
            : cp < 0x10000
              ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
              : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
      for (const b of bytes) out += '%' + HEX[b >> 4] + HEX[b & 15];
    }
  }
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function verifactuQrUrl(f: VerifactuQrFields): string {
  const m = ISO_DATE.exec(f.issueDate);
  const date = m ? `${m[3]}-${m[2]}-${m[1]}` : f.issueDate;
  const base = f.env === 'production' ? VERIFACTU_QR_HOSTS.production : VERIFACTU_QR_HOSTS.test;
  return `${base}?nif=${queryEscape(f.nif.trim())}&numserie=${queryEscape(f.seriesCode.trim())}&fecha=${queryEscape(date.trim())}&importe=${queryEscape(f.total.trim())}`;
}
