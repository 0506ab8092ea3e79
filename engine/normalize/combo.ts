/**
 * Legacy rate keys (spec gobl-core §5): since v0.300 the VAT rate `standard` is called `general`
 * and situations such as exempt or reverse-charge are combo keys instead of rates.
 */
import { parsePercentage, isZeroPercentage } from '../core/percentage.ts';
import type { Combo } from '../model/tax.ts';

const KEY_FROM_RATE: Readonly<Record<string, string>> = {
  exempt: 'exempt',
  'exempt+reverse-charge': 'reverse-charge',
  'exempt+export': 'export',
  'exempt+eea': 'intra-community',
  'exempt+export+eea': 'intra-community',
};

export function normalizeComboIntrinsic(c: Combo): void {
  if (c.cat === 'VAT' && c.rate) {
    const rate = c.rate;
    if (rate === 'standard') c.rate = 'general';
    else if (rate.startsWith('standard+')) c.rate = `general+${rate.slice('standard+'.length)}`;
    else if (rate === 'zero') {
      c.key = 'zero';
      delete c.rate;
      if (!c.percent) c.percent = '0%';
    } else if (KEY_FROM_RATE[rate]) {
      c.key = KEY_FROM_RATE[rate];
      delete c.rate;
      if (c.key === 'reverse-charge') delete c.percent;
    }
  }
  if (!c.key && c.percent) {
    const p = parsePercentage(c.percent);
    if (p.ok && isZeroPercentage(p.value)) c.key = 'zero';
  }
  if (c.key === 'zero' && !c.percent) c.percent = '0%';
}
