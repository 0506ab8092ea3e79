/** Belgium (BE): BTW / TVA, Royal Decree no. 20 — 21 % normal, 12 % intermediate, 6 % reduced. */
import { euVatRegime, vatRate } from './common.ts';

export const beRegime = euVatRegime({
  country: 'BE',
  name: { en: 'Belgium', nl: 'België', fr: 'Belgique', de: 'Belgien' },
  currency: 'EUR',
  timeZone: 'Europe/Brussels',
  vatName: { en: 'VAT', nl: 'btw', fr: 'TVA', de: 'MwSt' },
  vatTitle: { en: 'Value Added Tax', nl: 'Belasting over de toegevoegde waarde', fr: 'Taxe sur la valeur ajoutée', de: 'Mehrwertsteuer' },
  rates: [
    vatRate('general', { en: 'General Rate', nl: 'Normaal tarief', fr: 'Taux normal', de: 'Normalsatz' }, [{ since: '2011-01-04', percent: '21.0%' }]),
    vatRate('intermediate', { en: 'Intermediate Rate', nl: 'Tussentarief', fr: 'Taux intermédiaire', de: 'Zwischensatz' }, [
      { since: '2011-01-01', percent: '12.0%' },
    ]),
    vatRate('reduced', { en: 'Reduced Rate', nl: 'Verlaagd tarief', fr: 'Taux réduit', de: 'Ermäßigter Satz' }, [{ since: '2011-01-04', percent: '6.0%' }]),
  ],
  rateSources: [
    {
      title: { en: 'FPS Finance - VAT rates', nl: 'FOD Financiën - Btw-tarieven', fr: 'SPF Finances - Taux de TVA' },
      url: 'https://finance.belgium.be/en/enterprises/vat/vat-obligation/rates-and-calculation/vat-rates',
    },
  ],
});
