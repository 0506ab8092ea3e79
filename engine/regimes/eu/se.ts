/**
 * Sweden (SE): moms, Mervärdesskattelagen (2023:200) ch. 9 — 25/12/6 %; the currency is the
 * krona. Local names use ISO 639-1 `sv` (Swedish).
 */
import { euVatRegime, vatRate } from './common.ts';

export const seRegime = euVatRegime({
  country: 'SE',
  name: { en: 'Sweden', sv: 'Sverige' },
  currency: 'SEK',
  timeZone: 'Europe/Stockholm',
  vatName: { en: 'VAT', sv: 'moms' },
  vatTitle: { en: 'Value Added Tax', sv: 'Mervärdesskatt' },
  rates: [
    vatRate('general', { en: 'General Rate', sv: 'Normalskattesats' }, [{ since: '1990-01-01', percent: '25.0%' }]),
    vatRate('reduced', { en: 'First Reduced Rate', sv: 'Första reducerade skattesatsen' }, [{ since: '1996-01-01', percent: '12.0%' }]),
    vatRate('super-reduced', { en: 'Second Reduced Rate', sv: 'Andra reducerade skattesatsen' }, [{ since: '1996-01-01', percent: '6.0%' }]),
  ],
  rateSources: [
    {
      title: { en: 'Swedish Tax Agency - VAT rates on goods and services', sv: 'Skatteverket - Momssats på varor och tjänster' },
      url: 'https://www.skatteverket.se/foretag/moms/saljavarorochtjanster/momssatspavarorochtjanster.4.58d555751259e4d66168000409.html',
    },
  ],
});
