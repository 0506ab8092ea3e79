/**
 * Italy (IT): IVA, DPR 633/1972 art. 16 and Tables A — 4, 5, 10 and 22 %, undated. Listed in
 * GOBL's order (lowest first). Italy's withholding and social security categories are not here.
 */
import { euVatRegime, vatRate } from './common.ts';

export const itRegime = euVatRegime({
  country: 'IT',
  name: { en: 'Italy', it: 'Italia' },
  currency: 'EUR',
  timeZone: 'Europe/Rome',
  vatName: { en: 'VAT', it: 'IVA' },
  vatTitle: { en: 'Value Added Tax', it: 'Imposta sul valore aggiunto' },
  rates: [
    vatRate('super-reduced', { en: 'Minimum Rate', it: 'Aliquota minima' }, [{ percent: '4.0%' }]),
    vatRate('reduced', { en: 'Reduced Rate', it: 'Aliquota ridotta' }, [{ percent: '5.0%' }]),
    vatRate('intermediate', { en: 'Intermediate Rate', it: 'Aliquota intermedia' }, [{ percent: '10.0%' }]),
    vatRate('general', { en: 'General Rate', it: 'Aliquota ordinaria' }, [{ percent: '22.0%' }]),
  ],
  rateSources: [
    {
      title: { en: 'Presidential Decree 633/1972 (VAT)', it: 'D.P.R. 26 ottobre 1972, n. 633 (IVA)' },
      url: 'https://www.normattiva.it/uri-res/N2Ls?urn:nir:presidente.repubblica:decreto:1972-10-26;633',
    },
  ],
});
