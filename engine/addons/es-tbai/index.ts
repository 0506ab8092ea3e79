/**
 * TicketBAI (`es-tbai-v1`): the invoicing control system of the three Basque provinces
 * (Norma Foral 3/2020 Bizkaia, 3/2020 Gipuzkoa, 7/2020 Araba). Spec gobl-core §4.2.
 * The addon has no scenarios: everything TicketBAI needs is derived by the normalizers.
 */
import type { AddonDef } from '../../tax/addon-def.ts';
import { EXT_CORRECTION, tbaiExtensions } from './extensions.ts';
import { normalizeInvoice, normalizeLine, normalizeTaxCombo } from './normalize.ts';
import { TBAI_KEY, tbaiRules } from './rules.ts';

export { TBAI_KEY };

/** Stamps the tax agency's response adds to the envelope: the TicketBAI identifier and QR URL. */
export const STAMP_TBAI_CODE = 'tbai-code';
export const STAMP_TBAI_QR = 'tbai-qr';

export const tbaiAddon: AddonDef = {
  key: TBAI_KEY,
  name: { en: 'Spain TicketBAI', es: 'España TicketBAI' },
  description: {
    en: 'Invoices reported to the Basque tax agencies of Araba, Bizkaia and Gipuzkoa with the TicketBAI format.',
    es: 'Facturas remitidas a las haciendas forales de Álava, Bizkaia y Gipuzkoa con el formato TicketBAI.',
  },
  sources: [
    { title: { en: 'TicketBAI (Basque tax agencies)', es: 'TicketBAI (haciendas forales vascas)' }, url: 'https://www.euskadi.eus/ticketbai/' },
    { title: { en: 'Batuz (Bizkaia)', es: 'Batuz (Bizkaia)' }, url: 'https://www.batuz.eus/' },
  ],
  extensions: tbaiExtensions,
  // The rectification type must accompany each preceding reference of a correction.
  corrections: [{ schema: 'bill/invoice', extensions: [EXT_CORRECTION] }],
  normalizers: {
    combo: (c) => normalizeTaxCombo(c),
    line: (l) => normalizeLine(l),
    invoice: (inv) => normalizeInvoice(inv),
  },
  rules: tbaiRules,
};
