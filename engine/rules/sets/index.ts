/**
 * Every core GOBL rule set (regime- and addon-independent packages). Regime and addon rule sets
 * live with their regime or addon (e.g. `esRuleSets` in regimes/es/rules.ts).
 */
import type { RuleSet } from '../define.ts';
import { billRuleSets } from './bill.ts';
import { calRuleSets } from './cal.ts';
import { cbcRuleSets } from './cbc.ts';
import { currencyRuleSets } from './currency.ts';
import { headRuleSets } from './head.ts';
import { noteRuleSets } from './note.ts';
import { orgRuleSets } from './org.ts';
import { payRuleSets } from './pay.ts';
import { taxRuleSets } from './tax.ts';

export const coreRuleSets: readonly RuleSet[] = [
  ...headRuleSets,
  ...cbcRuleSets,
  ...calRuleSets,
  ...currencyRuleSets,
  ...orgRuleSets,
  ...payRuleSets,
  ...taxRuleSets,
  ...billRuleSets,
  ...noteRuleSets,
];

export { billRuleSets, calRuleSets, cbcRuleSets, currencyRuleSets, headRuleSets, noteRuleSets, orgRuleSets, payRuleSets, taxRuleSets };
