/**
 * Greece (EL, ISO code GR): ΦΠΑ, art. 21 of the VAT Code (law 2859/2000) — 24/13/6 % and the
 * 30 % lower rates of some Aegean islands (`+island`). GOBL registers Greece under its EU VAT
 * prefix `EL` with `GR` as alternative code, undated values, and the `currency` rounding rule.
 */
import { euVatRegime, vatRate } from './common.ts';

export const elRegime = euVatRegime({
  country: 'EL',
  altCountryCodes: ['GR'],
  name: { en: 'Greece', el: 'Ελλάδα' },
  currency: 'EUR',
  timeZone: 'Europe/Athens',
  calculatorRoundingRule: 'currency',
  vatName: { en: 'VAT', el: 'ΦΠΑ' },
  vatTitle: { en: 'Value Added Tax', el: 'Φόρος Προστιθέμενης Αξίας' },
  rates: [
    vatRate('general', { en: 'General rate', el: 'Κανονικός συντελεστής' }, [{ percent: '24%' }]),
    vatRate('reduced', { en: 'Reduced rate', el: 'Μειωμένος συντελεστής' }, [{ percent: '13%' }]),
    vatRate('super-reduced', { en: 'Super-reduced rate', el: 'Υπερμειωμένος συντελεστής' }, [{ percent: '6%' }]),
    vatRate('general+island', { en: 'Standard rate (Island)', el: 'Κανονικός συντελεστής (νησιά)' }, [{ percent: '17%' }]),
    vatRate('reduced+island', { en: 'Reduced rate (Island)', el: 'Μειωμένος συντελεστής (νησιά)' }, [{ percent: '9%' }]),
    vatRate('super-reduced+island', { en: 'Super-reduced rate (Island)', el: 'Υπερμειωμένος συντελεστής (νησιά)' }, [{ percent: '4%' }]),
  ],
  rateSources: [
    { title: { en: 'gov.gr - Basic VAT rates', el: 'gov.gr - Βασικοί συντελεστές ΦΠΑ' }, url: 'https://www.gov.gr/en/sdg/taxes/vat/general/basic-vat-rates' },
  ],
});
