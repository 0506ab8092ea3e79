/**
 * The chain link a VERI*FACTU record leaves for the next one, read from the XML the XML tab shows
 * (the huella needs no signature, so a chain can be followed offline, invoice after invoice).
 */
export interface VerifactuLink {
  readonly issuerNif: string;
  readonly seriesCode: string;
  readonly issueDate: string;
  readonly huella: string;
}

const text = (xml: string, name: string) => new RegExp(`<(?:[\\w.-]+:)?${name}>([^<]*)</(?:[\\w.-]+:)?${name}>`).exec(xml)?.[1]?.trim();

export function verifactuLink(xml: string): VerifactuLink | undefined {
  const record = /<(?:[\w.-]+:)?Registro(Alta|Anulacion)\b[\s\S]*?<\/(?:[\w.-]+:)?Registro\1>/.exec(xml);
  if (!record) return undefined;
  const r = record[0];
  const alta = record[1] === 'Alta';
  const issuerNif = text(r, alta ? 'IDEmisorFactura' : 'IDEmisorFacturaAnulada');
  const seriesCode = text(r, alta ? 'NumSerieFactura' : 'NumSerieFacturaAnulada');
  const issueDate = text(r, alta ? 'FechaExpedicionFactura' : 'FechaExpedicionFacturaAnulada');
  // The record's own huella follows TipoHuella; the one inside Encadenamiento is the previous link's.
  const huella = /<(?:[\w.-]+:)?TipoHuella>[^<]*<\/(?:[\w.-]+:)?TipoHuella>\s*<(?:[\w.-]+:)?Huella>([0-9A-F]{64})</.exec(r)?.[1];
  return issuerNif && seriesCode && issueDate && huella ? { issuerNif, seriesCode, issueDate, huella } : undefined;
}
