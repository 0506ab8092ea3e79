/** France (FR): TVA, CGI arts. 278 to 281 nonies — 20 %, 10 %, 5.5 % and the 2.1 % particular rate. */
import { euVatRegime, vatRate } from './common.ts';

export const frRegime = euVatRegime({
  country: 'FR',
  name: { en: 'France', fr: 'France' },
  currency: 'EUR',
  timeZone: 'Europe/Paris',
  vatName: { en: 'VAT', fr: 'TVA' },
  vatTitle: { en: 'Value Added Tax', fr: 'Taxe sur la valeur ajoutée' },
  rates: [
    vatRate('general', { en: 'General rate', fr: 'Taux normal' }, [{ since: '2011-01-04', percent: '20%' }]),
    vatRate('intermediate', { en: 'Intermediate rate', fr: 'Taux intermédiaire' }, [{ since: '2014-01-01', percent: '10%' }]),
    vatRate('reduced', { en: 'Reduced rate', fr: 'Taux réduit' }, [{ since: '2014-01-01', percent: '5.5%' }]),
    vatRate('super-reduced', { en: 'Super reduced rate', fr: 'Taux particulier' }, [{ since: '2014-01-01', percent: '2.1%' }]),
  ],
  rateSources: [
    {
      title: { en: 'Ministry of Economy - VAT rates in France and the EU', fr: 'Ministère de l’Économie - Taux de TVA en France et dans l’UE' },
      url: 'https://www.economie.gouv.fr/cedef/taux-tva-france-et-union-europeenne',
    },
    { title: { en: 'Service-Public.fr - VAT rates', fr: 'Service-Public.fr - Taux de TVA' }, url: 'https://entreprendre.service-public.fr/vosdroits/F23567' },
  ],
});
