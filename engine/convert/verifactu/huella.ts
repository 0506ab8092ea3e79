/**
 * VERI*FACTU chaining: the huella (fingerprint) of a record is the SHA-256, in upper-case hex, of
 * `Name=value` pairs joined by `&`, in a fixed order, with the values exactly as they are written
 * in the XML (amounts keep their decimals: `12.10`, `-340.20`, `0.00`), trimmed, not URL-escaped,
 * and `Huella=` left empty for the first record of a chain (Orden HAC/1177/2024 art. 13; AEAT
 * "Detalle de las especificaciones técnicas para generación de la huella o hash").
 * Also the generation timestamp, which every record carries in Europe/Madrid time with its offset.
 */
import { sha256Hex } from '../../core/sha256.ts';
import { utf8Encode } from '../../core/utf8.ts';
import { todayIn } from '../../core/dates.ts';

/** Fields of a RegistroAlta's huella. `Huella` is the previous record's (empty for the first). */
export interface AltaHuellaFields {
  readonly record: 'alta';
  readonly IDEmisorFactura: string;
  readonly NumSerieFactura: string;
  readonly FechaExpedicionFactura: string;
  readonly TipoFactura: string;
  readonly CuotaTotal: string;
  readonly ImporteTotal: string;
  readonly Huella: string;
  readonly FechaHoraHusoGenRegistro: string;
}

/** Fields of a RegistroAnulacion's huella. */
export interface AnulacionHuellaFields {
  readonly record: 'anulacion';
  readonly IDEmisorFacturaAnulada: string;
  readonly NumSerieFacturaAnulada: string;
  readonly FechaExpedicionFacturaAnulada: string;
  readonly Huella: string;
  readonly FechaHoraHusoGenRegistro: string;
}

/** Fields of a RegistroEvento's huella (NO VERI*FACTU systems). The software's `NIF` or, for a
 * foreign developer, its IDOtro `ID`; then the obligado's NIF. */
export interface EventoHuellaFields {
  readonly record: 'evento';
  readonly SoftwareNIF: string;
  readonly SoftwareIDOtro: string;
  readonly IdSistemaInformatico: string;
  readonly Version: string;
  readonly NumeroInstalacion: string;
  readonly NIF: string;
  readonly TipoEvento: string;
  readonly HuellaEvento: string;
  readonly FechaHoraHusoGenEvento: string;
}

export type HuellaFields = AltaHuellaFields | AnulacionHuellaFields | EventoHuellaFields;

const pair = (name: string, value: string): string => `${name}=${value.trim()}`;

/** The exact string that is hashed. */
export function verifactuHuellaInput(f: HuellaFields): string {
  switch (f.record) {
    case 'alta':
      return [
        pair('IDEmisorFactura', f.IDEmisorFactura),
        pair('NumSerieFactura', f.NumSerieFactura),
        pair('FechaExpedicionFactura', f.FechaExpedicionFactura),
        pair('TipoFactura', f.TipoFactura),
        pair('CuotaTotal', f.CuotaTotal),
        pair('ImporteTotal', f.ImporteTotal),
        pair('Huella', f.Huella),
        pair('FechaHoraHusoGenRegistro', f.FechaHoraHusoGenRegistro),
      ].join('&');
    case 'anulacion':
      return [
        pair('IDEmisorFacturaAnulada', f.IDEmisorFacturaAnulada),
        pair('NumSerieFacturaAnulada', f.NumSerieFacturaAnulada),
        pair('FechaExpedicionFacturaAnulada', f.FechaExpedicionFacturaAnulada),
        pair('Huella', f.Huella),
        pair('FechaHoraHusoGenRegistro', f.FechaHoraHusoGenRegistro),
      ].join('&');
    case 'evento':
      return [
        pair('NIF', f.SoftwareNIF),
        pair('ID', f.SoftwareIDOtro),
        pair('IdSistemaInformatico', f.IdSistemaInformatico),
        pair('Version', f.Version),
        pair('NumeroInstalacion', f.NumeroInstalacion),
        pair('NIF', f.NIF),
        pair('TipoEvento', f.TipoEvento),
        pair('HuellaEvento', f.HuellaEvento),
        pair('FechaHoraHusoGenEvento', f.FechaHoraHusoGenEvento),
      ].join('&');
  }
}

/** SHA-256 of the huella string (UTF-8), 64 upper-case hex digits. */
export function verifactuHuella(f: HuellaFields): string {
  return sha256Hex(utf8Encode(verifactuHuellaInput(f))).toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Timestamps

/** An ISO-8601 instant with an explicit zone: `2024-11-26T04:00:00Z`, `…T05:00:00+01:00`. */
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The instant in Europe/Madrid as `yyyy-MM-ddTHH:mm:ss±hh:mm` (seconds truncated), the form of
 * FechaHoraHusoGenRegistro. Computed with Intl only: no host time zone, no clock. Undefined when
 * `iso` is not an ISO-8601 instant with a zone.
 */
export function madridTimestamp(iso: string): string | undefined {
  if (typeof iso !== 'string' || !INSTANT_RE.test(iso)) return undefined;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return undefined;
  const epoch = Math.floor(ms / 1000) * 1000;
  const local = todayIn(epoch, 'Europe/Madrid');
  const [y, mo, d] = local.date.split('-').map(Number);
  const [h, mi, s] = local.time.split(':').map(Number);
  const offsetMin = Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - epoch) / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local.date}T${local.time}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
