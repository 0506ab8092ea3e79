/**
 * What to look at in the GOBL document for the authority codes whose cause is a field of it
 * (meanings: codes.ts, from the authorities' own code lists). Codes that are about transport,
 * certificates or the authority itself have no entry: there is nothing to change in the document.
 */
export interface CodeHint {
  /** The JSON path in the GOBL document that decides the value the authority refused. */
  readonly path?: string;
  readonly hint: string;
}

const TBAI_REST: Readonly<Record<string, CodeHint>> = {
  '005': { path: '$.code', hint: 'This number is already registered: issue the invoice with a new number, or cancel the registered one first.' },
  '010': { hint: 'The previous-invoice link does not match the last invoice the authority registered for this device: send the invoices in order, through one chain.' },
  '011': { hint: 'A mandatory value is missing or wrong (NIF, dates): check the supplier and customer tax IDs and the issue date.' },
  '014': { path: '$.customer.tax_id', hint: "The customer cannot be identified: check the customer's tax ID, or its identity document for foreign customers." },
  '018': { path: '$.code', hint: 'The invoice to cancel is not registered: check its series, number and issue date.' },
  '019': { path: '$.code', hint: 'This invoice was already cancelled.' },
};

const LROE: Readonly<Record<string, CodeHint>> = {
  B4_2000003: { path: '$.code', hint: 'This invoice is already registered: give it a new number, or cancel the registered one first.' },
  B4_2000004: { path: '$.code', hint: 'The record to change or cancel does not exist: check its series, number and issue date.' },
  B4_2000006: { path: '$.code', hint: 'This invoice was already cancelled.' },
  B4_2000013: { path: '$.customer.tax_id', hint: 'An EU VAT number must carry its country: set customer.tax_id.country and the code without the prefix.' },
  B4_2000017: { path: '$.issue_date', hint: 'The fiscal year of the request does not match the issue date.' },
  B4_2000026: { hint: 'Incompatible regime keys: check the es-tbai-regime extension of the tax rates.' },
  B4_2000060: { hint: 'The chain does not match the previous invoice: send the invoices in order, through one chain.' },
  B4_2000062: { path: '$.code', hint: 'There are gaps in the numbering of the series.' },
};

const AEAT: Readonly<Record<string, CodeHint>> = {
  '1104': { path: '$.customer.tax_id', hint: 'A NIF is not identified in the census: check it (the Submit tab can look it up).' },
  '1110': { path: '$.issue_date', hint: 'The issue date is later than today.' },
  '2000': { hint: 'Accepted, but the chain does not match the last record received: send the records in order.' },
  '2011': { path: '$.customer.tax_id', hint: "The customer's NIF is not identified in the census." },
  '3000': { path: '$.code', hint: 'Already registered. To correct it, send it again as a correction (the proxy does so by itself for VERI*FACTU).' },
  '3001': { path: '$.code', hint: 'The invoice to cancel is not registered: check its number and issue date.' },
  '3002': { path: '$.code', hint: 'No record of this invoice: check its number and issue date.' },
  '4102': { hint: "The XML does not match the schema: the XML tab's Check XSD shows which element." },
  '4104': { path: '$.supplier.tax_id', hint: "The supplier's NIF (holder in the header) is not identified." },
  '4109': { path: '$.customer.tax_id', hint: 'A NIF is not identified.' },
};

export function codeHint(authority: string, code: string): CodeHint | undefined {
  if (authority === 'tbai-bizkaia') return LROE[code];
  if (authority.startsWith('tbai-')) return TBAI_REST[code];
  return AEAT[code];
}
