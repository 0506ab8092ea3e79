/**
 * Finland (FI): arvonlisävero, AVL 1501/1993 §§ 84-85a. The general rate rose from 24 % to
 * 25.5 % on 2024-09-01; the first reduced rate goes from 14 % to 13.5 % on 2026-01-01.
 */
import { euVatRegime, vatRate } from './common.ts';

export const fiRegime = euVatRegime({
  country: 'FI',
  name: { en: 'Finland', fi: 'Suomi', sv: 'Finland' },
  currency: 'EUR',
  timeZone: 'Europe/Helsinki',
  vatName: { en: 'VAT', fi: 'ALV', sv: 'moms' },
  vatTitle: { en: 'Value Added Tax', fi: 'Arvonlisävero', sv: 'Mervärdesskatt' },
  rates: [
    vatRate('general', { en: 'General Rate', fi: 'Yleinen verokanta', sv: 'Allmän skattesats' }, [
      { since: '2024-09-01', percent: '25.5%' },
      { since: '2013-01-01', percent: '24.0%' },
    ]),
    vatRate('reduced', { en: 'Reduced Rate', fi: 'Ensimmäinen alennettu verokanta', sv: 'Första nedsatta skattesatsen' }, [
      { since: '2026-01-01', percent: '13.5%' },
      { since: '2013-01-01', percent: '14.0%' },
    ]),
    vatRate('super-reduced', { en: 'Super-Reduced Rate', fi: 'Toinen alennettu verokanta', sv: 'Andra nedsatta skattesatsen' }, [
      { since: '2013-01-01', percent: '10.0%' },
    ]),
  ],
  rateSources: [
    { title: { en: 'Finnish Tax Administration - VAT rates', fi: 'Verohallinto - Arvonlisäverokannat' }, url: 'https://www.vero.fi/en/businesses-and-corporations/taxes-and-charges/vat/rates-of-vat/' },
    { title: { en: 'Value Added Tax Act 1501/1993', fi: 'Arvonlisäverolaki 1501/1993' }, url: 'https://www.finlex.fi/fi/laki/ajantasa/1993/19931501' },
  ],
});
