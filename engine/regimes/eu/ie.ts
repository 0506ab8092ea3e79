/**
 * Ireland (IE): VAT, VAT Consolidation Act 2010 s. 46 — 23 % standard, 13.5 % and 9 % reduced,
 * 4.8 % livestock (`special`).
 */
import { euVatRegime, vatRate } from './common.ts';

export const ieRegime = euVatRegime({
  country: 'IE',
  name: { en: 'Ireland', ga: 'Éire' },
  currency: 'EUR',
  timeZone: 'Europe/Dublin',
  vatName: { en: 'VAT', ga: 'CBL' },
  vatTitle: { en: 'Value Added Tax', ga: 'Cáin Bhreisluacha' },
  rates: [
    vatRate('general', { en: 'Standard Rate', ga: 'Ráta caighdeánach' }, [{ since: '2012-01-01', percent: '23.0%' }]),
    vatRate('reduced', { en: 'First Reduced Rate', ga: 'An chéad ráta laghdaithe' }, [{ since: '2003-01-01', percent: '13.5%' }]),
    vatRate('super-reduced', { en: 'Second Reduced Rate', ga: 'An dara ráta laghdaithe' }, [{ since: '2011-01-01', percent: '9.0%' }]),
    vatRate('special', { en: 'Livestock Rate', ga: 'Ráta beostoic' }, [{ since: '2008-01-01', percent: '4.8%' }]),
  ],
  rateSources: [
    { title: { en: 'Revenue - Current VAT rates' }, url: 'https://www.revenue.ie/en/vat/vat-rates/search-vat-rates/current-vat-rates.aspx' },
    { title: { en: 'Value-Added Tax Consolidation Act 2010' }, url: 'https://www.irishstatutebook.ie/eli/2010/act/31/enacted/en/html' },
  ],
});
