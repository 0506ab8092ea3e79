/** The Netherlands (NL): btw, Wet OB 1968 art. 9 — 21 % general and 9 % reduced, undated. */
import { euVatRegime, vatRate } from './common.ts';

export const nlRegime = euVatRegime({
  country: 'NL',
  name: { en: 'The Netherlands', nl: 'Nederland' },
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  vatName: { en: 'VAT', nl: 'btw' },
  vatTitle: { en: 'Value Added Tax', nl: 'Belasting over de toegevoegde waarde' },
  rates: [
    vatRate('general', { en: 'General Rate', nl: 'Algemeen tarief' }, [{ percent: '21.0%' }]),
    vatRate('reduced', { en: 'Reduced Rate', nl: 'Verlaagd tarief' }, [{ percent: '9.0%' }]),
  ],
  rateSources: [
    { title: { en: 'Dutch Turnover Tax Act 1968', nl: 'Wet op de omzetbelasting 1968' }, url: 'https://wetten.overheid.nl/BWBR0002629' },
  ],
});
