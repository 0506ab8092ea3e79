/**
 * GOBL bill/status (type `system`) → `sf:RegistroEvento`, the event log that NO VERI*FACTU
 * systems keep (EventosSIF.xsd; Orden HAC/1177/2024 art. 9). The status line's key names the
 * event; its first complement (schemas `https://verifactu.gobl.org/v0/…`) carries the event's own
 * data; a note keyed `other` becomes OtrosDatosEvento. Events chain among themselves.
 */
import type { Fault } from '../../core/fault.ts';
import { status as statusSchema, type Status, type StatusLine } from '../../model/status.ts';
import type { ConvertResult, SoftwareInfo } from '../types.ts';
import { ID_VERSION, TIPO_HUELLA, VERIFACTU_ADDON, aeatDate, checkOptions, fault, softwareNode } from './common.ts';
import { madridTimestamp, verifactuHuella } from './huella.ts';
import { type XNode, el, group, opt, serialize } from './xml.ts';

/** Status line keys → TipoEvento (list L1E of the events design). */
export const VERIFACTU_EVENT_TYPES: Readonly<Record<string, string>> = {
  'system-startup': '01',
  'system-shutdown': '02',
  'invoice-anomaly-launch': '03',
  'invoice-anomaly': '04',
  'event-anomaly-launch': '05',
  'event-anomaly': '06',
  'backup-restoration': '07',
  'invoice-export': '08',
  'event-export': '09',
  'event-summary': '10',
  other: '90',
};

/** The previous event of the chain. */
export interface VerifactuEventChain {
  readonly eventType: string;
  /** Its FechaHoraHusoGenEvento, as written. */
  readonly timestamp: string;
  readonly huella: string;
}

export interface VerifactuEventOptions {
  readonly now: string;
  readonly previous?: VerifactuEventChain;
  readonly software: SoftwareInfo;
  readonly pretty?: boolean;
}

export interface VerifactuEvent {
  readonly xml: string;
  readonly tree: XNode;
  readonly huella: string;
  readonly chain: VerifactuEventChain;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
const count = (v: unknown): string | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? String(v) : undefined);
const sn = (v: unknown): string => (v === true ? 'S' : 'N');

function invoiceRecord(name: string, v: unknown, withHuella: boolean): XNode | undefined {
  if (!isObject(v)) return undefined;
  return group(name, [
    el('sf:IDEmisorFactura', str(v.issuer_tax_code) ?? ''),
    el('sf:NumSerieFactura', str(v.code) ?? ''),
    el('sf:FechaExpedicionFactura', aeatDate(str(v.issue_date)) ?? str(v.issue_date) ?? ''),
    withHuella ? el('sf:Huella', str(v.fingerprint) ?? '') : undefined,
  ]);
}

function eventRecord(name: string, v: unknown): XNode | undefined {
  if (!isObject(v)) return undefined;
  return group(name, [el('sf:TipoEvento', str(v.type) ?? ''), el('sf:FechaHoraHusoEvento', str(v.timestamp) ?? ''), el('sf:HuellaEvento', str(v.fingerprint) ?? '')]);
}

/** The four integrity checks of an anomaly-detection launch; `Reg` is RegFacturacion or RegEvento. */
function launch(name: string, c: Json, reg: 'RegFacturacion' | 'RegEvento'): XNode {
  const what = reg === 'RegFacturacion' ? 'RegistrosFacturacion' : 'RegistrosEvento';
  const pick = (check: string, count_: string, realizado: string, numero: string): (XNode | undefined)[] => [
    el(`sf:${realizado}`, sn(c[check])),
    opt(`sf:${numero}`, count(c[count_])),
  ];
  return group(name, [
    ...pick('fingerprint_check', 'fingerprint_count', `RealizadoProcesoSobreIntegridadHuellas${reg}`, `NumeroDe${what}ProcesadosSobreIntegridadHuellas`),
    ...pick('signature_check', 'signature_count', `RealizadoProcesoSobreIntegridadFirmas${reg}`, `NumeroDe${what}ProcesadosSobreIntegridadFirmas`),
    ...pick('chain_check', 'chain_count', `RealizadoProcesoSobreTrazabilidadCadena${reg}`, `NumeroDe${what}ProcesadosSobreTrazabilidadCadena`),
    ...pick('date_check', 'date_count', `RealizadoProcesoSobreTrazabilidadFechas${reg}`, `NumeroDe${what}ProcesadosSobreTrazabilidadFechas`),
  ]);
}

function ownData(line: StatusLine, path: string, faults: Fault[]): XNode | undefined {
  const c = (line.complements ?? [])[0];
  if (!c) return undefined;
  const schema = str(c.$schema) ?? '';
  const kind = schema.slice(schema.lastIndexOf('/') + 1);
  let data: XNode | undefined;
  switch (kind) {
    case 'invoice-anomaly-launch':
      data = launch('sf:LanzamientoProcesoDeteccionAnomaliasRegFacturacion', c, 'RegFacturacion');
      break;
    case 'event-anomaly-launch':
      data = launch('sf:LanzamientoProcesoDeteccionAnomaliasRegEvento', c, 'RegEvento');
      break;
    case 'invoice-anomaly':
      data = group('sf:DeteccionAnomaliasRegFacturacion', [
        el('sf:TipoAnomalia', str(c.type) ?? ''),
        opt('sf:OtrosDatosAnomalia', line.description ?? undefined),
        invoiceRecord('sf:RegistroFacturacionAnomalo', c.invoice, false),
      ]);
      break;
    case 'event-anomaly':
      data = group('sf:DeteccionAnomaliasRegEvento', [
        el('sf:TipoAnomalia', str(c.type) ?? ''),
        opt('sf:OtrosDatosAnomalia', line.description ?? undefined),
        eventRecord('sf:RegEventoAnomalo', c.event),
      ]);
      break;
    case 'invoice-export':
      data = group('sf:ExportacionRegFacturacionPeriodo', [
        el('sf:FechaHoraHusoInicioPeriodoExport', str(c.start) ?? ''),
        el('sf:FechaHoraHusoFinPeriodoExport', str(c.end) ?? ''),
        invoiceRecord('sf:RegistroFacturacionInicialPeriodo', c.first, true),
        invoiceRecord('sf:RegistroFacturacionFinalPeriodo', c.last, true),
        el('sf:NumeroDeRegistrosFacturacionAltaExportados', count(c.registration_count) ?? '0'),
        el('sf:SumaCuotaTotalAlta', str(c.tax_total) ?? '0.00'),
        el('sf:SumaImporteTotalAlta', str(c.amount_total) ?? '0.00'),
        el('sf:NumeroDeRegistrosFacturacionAnulacionExportados', count(c.cancellation_count) ?? '0'),
        el('sf:RegistrosFacturacionExportadosDejanDeConservarse', str(c.discarded) ?? 'N'),
      ]);
      break;
    case 'event-export':
      data = group('sf:ExportacionRegEventoPeriodo', [
        el('sf:FechaHoraHusoInicioPeriodoExport', str(c.start) ?? ''),
        el('sf:FechaHoraHusoFinPeriodoExport', str(c.end) ?? ''),
        eventRecord('sf:RegistroEventoInicialPeriodo', c.first),
        eventRecord('sf:RegistroEventoFinalPeriodo', c.last),
        el('sf:NumeroDeRegEventoExportados', count(c.count) ?? '0'),
        el('sf:RegEventoExportadosDejanDeConservarse', str(c.discarded) ?? 'N'),
      ]);
      break;
    case 'event-summary': {
      const events = Array.isArray(c.events) ? c.events.filter(isObject) : [];
      data = group('sf:ResumenEventos', [
        ...events.map((e) => group('sf:TipoEvento', [el('sf:TipoEvento', str(e.type) ?? ''), el('sf:NumeroDeEventos', count(e.count) ?? '0')])),
        invoiceRecord('sf:RegistroFacturacionInicialPeriodo', c.first_invoice, true),
        invoiceRecord('sf:RegistroFacturacionFinalPeriodo', c.last_invoice, true),
        el('sf:NumeroDeRegistrosFacturacionAltaGenerados', count(c.registration_count) ?? '0'),
        el('sf:SumaCuotaTotalAlta', str(c.tax_total) ?? '0.00'),
        el('sf:SumaImporteTotalAlta', str(c.amount_total) ?? '0.00'),
        el('sf:NumeroDeRegistrosFacturacionAnulacionGenerados', count(c.cancellation_count) ?? '0'),
      ]);
      break;
    }
    default:
      faults.push(fault('09', `${path}.complements[0].$schema`, `unsupported event complement ${JSON.stringify(schema)}`));
      return undefined;
  }
  return group('sf:DatosPropiosEvento', [data]);
}

/** Event record (NO VERI*FACTU) from a bill/status of type `system` with one line. */
export function toVerifactuEvent(envelope: unknown, opts: VerifactuEventOptions): ConvertResult<VerifactuEvent> {
  try {
    return buildEvent(envelope, opts);
  } catch (e) {
    return { ok: false, faults: [fault('99', '$', `internal error: ${e instanceof Error ? e.message : String(e)}`)] };
  }
}

function buildEvent(envelope: unknown, opts: VerifactuEventOptions): ConvertResult<VerifactuEvent> {
  const faults: Fault[] = [];
  // The event chain has its own shape: check `now` and the software with the shared helper.
  const checked = checkOptions(opts ? { now: opts.now, software: opts.software } : undefined, faults);
  const isEnv = isObject(envelope) && isObject(envelope.doc);
  const raw = isEnv ? (envelope as Json).doc : envelope;
  const base = isEnv ? '$.doc' : '$';
  if (!isObject(raw) || (typeof raw.$schema === 'string' && !raw.$schema.endsWith('/bill/status'))) {
    return { ok: false, faults: [...faults, fault('01', base, 'expected a GOBL envelope holding a bill/status')] };
  }
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, faults: [...faults, fault('01', base, parsed.error.issues[0]?.message ?? 'invalid bill/status')] };
  const st = parsed.data as Status;
  if (!(st.$addons ?? []).includes(VERIFACTU_ADDON)) faults.push(fault('02', `${base}.$addons`, `the status must use the ${VERIFACTU_ADDON} addon`));
  const nif = (st.supplier?.tax_id?.code ?? '').trim();
  if (!nif) faults.push(fault('03', `${base}.supplier.tax_id.code`, 'the supplier (obligado) needs a tax ID code'));
  const lines = (st.lines ?? []).filter((l): l is StatusLine => !!l);
  const line = lines[0];
  if (lines.length !== 1) faults.push(fault('09', `${base}.lines`, 'a system status must have exactly one line (one event)'));
  const tipo = line?.key ? VERIFACTU_EVENT_TYPES[line.key] : undefined;
  if (line && !tipo) faults.push(fault('09', `${base}.lines[0].key`, `unknown event key ${JSON.stringify(line.key)}; expected one of ${Object.keys(VERIFACTU_EVENT_TYPES).join(', ')}`));
  const prev = opts?.previous;
  if (prev !== undefined && prev !== null) {
    if (!/^[0-9A-Fa-f]{64}$/.test(prev.huella ?? '')) faults.push(fault('07', '$options.previous.huella', 'previous.huella must be 64 hexadecimal digits'));
    if (!prev.eventType) faults.push(fault('07', '$options.previous.eventType', 'previous.eventType is required'));
    if (!prev.timestamp || madridTimestamp(prev.timestamp) === undefined) faults.push(fault('07', '$options.previous.timestamp', 'previous.timestamp must be an ISO-8601 instant with a zone'));
  }
  const data = line && tipo ? ownData(line, `${base}.lines[0]`, faults) : undefined;
  if (faults.length > 0 || !checked || !tipo) return { ok: false, faults };
  const other = (st.notes ?? []).find((n) => n?.key === 'other' && n.text)?.text ?? undefined;
  const huella = verifactuHuella({
    record: 'evento',
    SoftwareNIF: opts.software.nif,
    SoftwareIDOtro: '',
    IdSistemaInformatico: opts.software.systemId ?? '',
    Version: opts.software.version,
    NumeroInstalacion: opts.software.installationNumber ?? '',
    NIF: nif,
    TipoEvento: tipo,
    HuellaEvento: prev?.huella ?? '',
    FechaHoraHusoGenEvento: checked.timestamp,
  });
  const tree = group('sf:RegistroEvento', [
    el('sf:IDVersion', ID_VERSION),
    group('sf:Evento', [
      softwareNode('sf', opts.software),
      group('sf:ObligadoEmision', [el('sf:NombreRazon', (st.supplier?.name ?? '').trim()), el('sf:NIF', nif)]),
      el('sf:FechaHoraHusoGenEvento', checked.timestamp),
      el('sf:TipoEvento', tipo),
      data,
      opt('sf:OtrosDatosEvento', other),
      prev
        ? group('sf:Encadenamiento', [
            group('sf:EventoAnterior', [el('sf:TipoEvento', prev.eventType), el('sf:FechaHoraHusoGenEvento', prev.timestamp), el('sf:HuellaEvento', prev.huella)]),
          ])
        : group('sf:Encadenamiento', [el('sf:PrimerEvento', 'S')]),
      el('sf:TipoHuella', TIPO_HUELLA),
      el('sf:HuellaEvento', huella),
    ]),
  ]);
  return {
    ok: true,
    value: { xml: serialize(tree, { pretty: opts.pretty }), tree, huella, chain: { eventType: tipo, timestamp: checked.timestamp, huella } },
  };
}
