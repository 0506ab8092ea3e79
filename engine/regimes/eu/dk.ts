/** Denmark (DK): moms, a single 25 % rate (momsloven § 33); the currency is the Danish krone. */
import { euVatRegime, vatRate } from './common.ts';

export const dkRegime = euVatRegime({
  country: 'DK',
  name: { en: 'Denmark', da: 'Danmark' },
  currency: 'DKK',
  timeZone: 'Europe/Copenhagen',
  vatName: { en: 'VAT', da: 'moms' },
  vatTitle: { en: 'Value Added Tax', da: 'Merværdiafgift' },
  rates: [vatRate('general', { en: 'General Rate', da: 'Almindelig momssats' }, [{ since: '1992-01-01', percent: '25.0%' }])],
  rateSources: [{ title: { en: 'Danish Tax Agency - VAT', da: 'Skattestyrelsen - Moms' }, url: 'https://skat.dk/erhverv/moms' }],
});
