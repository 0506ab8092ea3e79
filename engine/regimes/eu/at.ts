/** Austria (AT): Umsatzsteuer, § 10 UStG 1994 — 20 % normal, 13 % and 10 % reduced rates. */
import { euVatRegime, vatRate } from './common.ts';

export const atRegime = euVatRegime({
  country: 'AT',
  name: { en: 'Austria', de: 'Österreich' },
  currency: 'EUR',
  timeZone: 'Europe/Vienna',
  vatName: { en: 'VAT', de: 'USt' },
  vatTitle: { en: 'Value Added Tax', de: 'Umsatzsteuer' },
  rates: [
    vatRate('general', { en: 'General Rate', de: 'Normalsteuersatz' }, [{ since: '2011-01-04', percent: '20.0%' }]),
    vatRate('intermediate', { en: 'Intermediate Rate', de: 'Zweiter ermäßigter Steuersatz' }, [{ since: '2011-01-01', percent: '13.0%' }]),
    vatRate('reduced', { en: 'Reduced Rate', de: 'Ermäßigter Steuersatz' }, [{ since: '2011-01-04', percent: '10.0%' }]),
  ],
  rateSources: [
    {
      title: { en: 'Austrian VAT Act 1994, § 10 (tax rates)', de: 'Umsatzsteuergesetz 1994, § 10 Steuersätze' },
      url: 'https://www.ris.bka.gv.at/GeltendeFassung.wxe?Abfrage=Bundesnormen&Gesetzesnummer=10004873',
    },
  ],
});
