/**
 * EU regimes: VAT rate tables of the EU countries GOBL ships regimes for.
 *
 * Why: a Spanish supplier selling to consumers in other member states (OSS) charges the
 * customer's VAT, either through the `customer-rates` tag or a combo with its own `country`
 * (e.g. `{ "cat": "VAT", "country": "FR", "rate": "general" }`). Calculation then looks the rate
 * up in that country's regime (spec gobl-core §2.4.1 step 1); without the regime the combo would
 * silently get no percent and the invoice 0 tax.
 *
 * What: AT, BE, DE, DK, EL (Greece; `GR` selects it too), FI, FR, IE, IT, NL, PL, PT and SE,
 * one file each. Each regime has its country data (names in English and the local language,
 * currency, time zone, `VAT` tax scheme, GOBL's calculator rounding rule where it sets one —
 * only Greece, `currency`) and a single `VAT` category with the global VAT keys and GOBL's rate
 * keys and dated values: the same keys, `since` dates and percent formatting ("21.0%" vs
 * "21%", which is printed in the output), newest first. Rate data is our own, written from the
 * sources listed with each category; `eu.test.ts` checks it stays identical to GOBL's regimes.
 *
 * Deliberately out of scope (add them with their own sources if ever needed):
 * - every other tax category of those regimes (e.g. Italy's IRPEF/IRES/INPS/ENASARCO/ENPAM/CP
 *   withholdings, Portugal's IRS/IRC);
 * - their scenarios, invoice tags, corrections, identity keys and extensions (e.g. `pt-region`
 *   is matched by the Portuguese rate values but defined by no addon here);
 * - country-specific tax ID normalization and check digits: `normalizeTaxCode` is left undefined
 *   so these IDs get GOBL's generic normalization only (uppercase, drop noise characters and a
 *   leading country prefix), and `checkTaxCode` is undefined, so no code is rejected.
 * - Spain is `../es`, a full regime; the non-EU regimes of GOBL are not shipped.
 */
import type { RegimeDef } from '../../tax/regime-def.ts';
import { atRegime } from './at.ts';
import { beRegime } from './be.ts';
import { deRegime } from './de.ts';
import { dkRegime } from './dk.ts';
import { elRegime } from './el.ts';
import { fiRegime } from './fi.ts';
import { frRegime } from './fr.ts';
import { ieRegime } from './ie.ts';
import { itRegime } from './it.ts';
import { nlRegime } from './nl.ts';
import { plRegime } from './pl.ts';
import { ptRegime } from './pt.ts';
import { seRegime } from './se.ts';

export { atRegime, beRegime, deRegime, dkRegime, elRegime, fiRegime, frRegime, ieRegime, itRegime, nlRegime, plRegime, ptRegime, seRegime };

export const euRegimes: readonly RegimeDef[] = [
  atRegime,
  beRegime,
  deRegime,
  dkRegime,
  elRegime,
  fiRegime,
  frRegime,
  ieRegime,
  itRegime,
  nlRegime,
  plRegime,
  ptRegime,
  seRegime,
];
