/**
 * Poland (PL): podatek od towarów i usług, VAT Act of 11 March 2004 arts. 41 and 146a —
 * 23/8/5 % since 2011 (22/7/3 % before); the currency is the złoty.
 */
import { euVatRegime, vatRate } from './common.ts';

export const plRegime = euVatRegime({
  country: 'PL',
  name: { en: 'Poland', pl: 'Polska' },
  currency: 'PLN',
  timeZone: 'Europe/Warsaw',
  vatName: { en: 'VAT', pl: 'VAT' },
  vatTitle: { en: 'Value Added Tax', pl: 'Podatek od towarów i usług' },
  rates: [
    vatRate('general', { en: 'General Rate', pl: 'Stawka podstawowa' }, [
      { since: '2011-01-01', percent: '23.0%' },
      { since: '1993-07-08', percent: '22.0%' },
    ]),
    vatRate('reduced', { en: 'First Reduced Rate', pl: 'Pierwsza stawka obniżona' }, [
      { since: '2011-01-01', percent: '8.0%' },
      { since: '2000-09-04', percent: '7.0%' },
    ]),
    vatRate('super-reduced', { en: 'Second Reduced Rate', pl: 'Druga stawka obniżona' }, [
      { since: '2011-01-01', percent: '5.0%' },
      { since: '2000-09-04', percent: '3.0%' },
    ]),
  ],
  rateSources: [
    {
      title: { en: 'Act of 11 March 2004 on the tax on goods and services', pl: 'Ustawa z dnia 11 marca 2004 r. o podatku od towarów i usług' },
      url: 'https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20040540535',
    },
  ],
});
