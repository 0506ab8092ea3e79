/**
 * Germany (DE): Umsatzsteuer, § 12 UStG — 19 % / 7 %. The history includes the 1 July to
 * 31 December 2020 Covid cut to 16 % / 5 % (§ 28 UStG), after which the rates returned on
 * 2021-01-01, so that date appears as a separate value.
 */
import { euVatRegime, vatRate } from './common.ts';

export const deRegime = euVatRegime({
  country: 'DE',
  name: { en: 'Germany', de: 'Deutschland' },
  currency: 'EUR',
  timeZone: 'Europe/Berlin',
  vatName: { en: 'VAT', de: 'USt' },
  vatTitle: { en: 'Value Added Tax', de: 'Umsatzsteuer' },
  rates: [
    vatRate('general', { en: 'General rate', de: 'Regelsteuersatz' }, [
      { since: '2021-01-01', percent: '19%' },
      { since: '2020-07-01', percent: '16%' },
      { since: '2007-01-01', percent: '19%' },
      { since: '1998-04-01', percent: '16%' },
      { since: '1993-01-01', percent: '15%' },
    ]),
    vatRate('reduced', { en: 'Reduced rate', de: 'Ermäßigter Steuersatz' }, [
      { since: '2021-01-01', percent: '7%' },
      { since: '2020-07-01', percent: '5%' },
      { since: '1983-07-01', percent: '7%' },
    ]),
  ],
  rateSources: [
    {
      title: { en: 'German VAT Act, § 12 (tax rates)', de: 'Umsatzsteuergesetz, § 12 Steuersätze' },
      url: 'https://www.gesetze-im-internet.de/ustg_1980/__12.html',
    },
    {
      title: { en: 'German VAT Act, § 28 (temporary 2020 rates)', de: 'Umsatzsteuergesetz, § 28 Zeitlich begrenzte Fassungen' },
      url: 'https://www.gesetze-im-internet.de/ustg_1980/__28.html',
    },
  ],
});
