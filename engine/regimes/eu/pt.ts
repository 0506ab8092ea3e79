/**
 * Portugal (PT): IVA, CIVA art. 18 — 23/13/6 % on the mainland; the autonomous regions have
 * their own rates, selected by the combo's `pt-region` extension (PT-AC Azores, PT-MA Madeira),
 * so those values come before the mainland one they override. `other` has no fixed percent.
 */
import { euVatRegime, vatRate } from './common.ts';

const AZORES = { 'pt-region': 'PT-AC' } as const;
const MADEIRA = { 'pt-region': 'PT-MA' } as const;

export const ptRegime = euVatRegime({
  country: 'PT',
  name: { en: 'Portugal', pt: 'Portugal' },
  currency: 'EUR',
  timeZone: 'Europe/Lisbon',
  vatName: { en: 'VAT', pt: 'IVA' },
  vatTitle: { en: 'Value Added Tax', pt: 'Imposto sobre o Valor Acrescentado' },
  rates: [
    vatRate('general', { en: 'General Rate', pt: 'Taxa normal' }, [
      { ext: AZORES, since: '2011-01-01', percent: '16.0%' },
      { ext: MADEIRA, since: '2011-01-01', percent: '22.0%' },
      { since: '2011-01-01', percent: '23.0%' },
    ]),
    vatRate('intermediate', { en: 'Intermediate Rate', pt: 'Taxa intermédia' }, [
      { ext: AZORES, since: '2011-01-01', percent: '9.0%' },
      { ext: MADEIRA, since: '2011-01-01', percent: '12.0%' },
      { since: '2011-01-01', percent: '13.0%' },
    ]),
    vatRate('reduced', { en: 'Reduced Rate', pt: 'Taxa reduzida' }, [
      { ext: AZORES, since: '2011-01-01', percent: '4.0%' },
      { ext: MADEIRA, since: '2024-10-01', percent: '4.0%' },
      { ext: MADEIRA, since: '2011-01-01', percent: '5.0%' },
      { since: '2011-01-01', percent: '6.0%' },
    ]),
    vatRate('other', { en: 'Other', pt: 'Outra' }),
  ],
  rateSources: [
    {
      title: { en: 'VAT Code, article 18 (rates)', pt: 'Código do IVA, artigo 18.º (taxas)' },
      url: 'https://info.portaldasfinancas.gov.pt/pt/informacao_fiscal/codigos_tributarios/civa_rep/Pages/iva18.aspx',
    },
  ],
});
