/**
 * Spanish tax categories with their dated rates, as GOBL v0.502.1 models them
 * (`regimes/es/tax_categories.go`). Values are listed newest first because calculation picks the
 * first value whose `since` is on or before the tax date. Dates before the oldest value are a
 * calculation error in GOBL, so we deliberately do not add older history than GOBL has.
 *
 * What is *not* here, on purpose, to stay equal to GOBL: temporary reliefs (e.g. the 2023-24
 * food rates), IGIC increased/special rates and IPSI rates (those must be given as explicit
 * percents), and the `agriculture` constants that have no rate definitions.
 */
import type { CategoryDef, RateDef, Source } from '../../tax/regime-def.ts';
import { vatKeys } from '../../tax/keys.ts';

const boe = (id: string): string => `https://www.boe.es/buscar/act.php?id=${id}`;

// Ley 37/1992 del IVA: art. 90 (general rate), art. 91 (reduced rates), art. 161 (surcharges).
const LIVA: Source = { title: { en: 'Law 37/1992 on VAT', es: 'Ley 37/1992, del Impuesto sobre el Valor Añadido' }, url: boe('BOE-A-1992-28740') };
// Raised 15/6/3 -> 16/7/4 from 1995-01-01 (Ley 41/1994, Presupuestos 1995).
const LPGE1995: Source = { title: { en: 'Law 41/1994 (1995 State Budget)', es: 'Ley 41/1994, de Presupuestos Generales del Estado para 1995' }, url: boe('BOE-A-1994-28967') };
// Raised 16/7 -> 18/8 (super-reduced stays 4) from 2010-07-01 (Ley 26/2009, Presupuestos 2010).
const LPGE2010: Source = { title: { en: 'Law 26/2009 (2010 State Budget)', es: 'Ley 26/2009, de Presupuestos Generales del Estado para 2010' }, url: boe('BOE-A-2009-20765') };
// Raised 18/8 -> 21/10 (and surcharges 4.0/1.0 -> 5.2/1.4) from 2012-09-01.
const RDL20_2012: Source = { title: { en: 'Royal Decree-law 20/2012', es: 'Real Decreto-ley 20/2012' }, url: boe('BOE-A-2012-9364') };
// Canary Islands: IGIC created by Ley 20/1991; current 7% / 3% rates set by Canarian Ley 4/2012.
const IGIC_LAW: Source = { title: { en: 'Law 20/1991 on the Canary Islands tax regime', es: 'Ley 20/1991, de modificación de los aspectos fiscales del Régimen Económico Fiscal de Canarias' }, url: boe('BOE-A-1991-14463') };
const IGIC_RATES: Source = { title: { en: 'Canary Islands Law 4/2012 (IGIC rates)', es: 'Ley 4/2012 de Canarias, de medidas administrativas y fiscales' }, url: boe('BOE-A-2012-9282') };
// Ceuta and Melilla: each city sets its own IPSI rates by ordinance, hence no rate table.
const IPSI_LAW: Source = { title: { en: 'Law 8/1991 (IPSI in Ceuta and Melilla)', es: 'Ley 8/1991, del Arbitrio sobre la Producción y la Importación en Ceuta y Melilla' }, url: boe('BOE-A-1991-7645') };
// IRPF withholding on professional, capital and module income: art. 101 LIRPF and RIRPF.
const LIRPF: Source = { title: { en: 'Law 35/2006 on Personal Income Tax', es: 'Ley 35/2006, del Impuesto sobre la Renta de las Personas Físicas' }, url: boe('BOE-A-2006-20764') };
const RIRPF: Source = { title: { en: 'Royal Decree 439/2007 (IRPF regulation)', es: 'Real Decreto 439/2007, Reglamento del IRPF' }, url: boe('BOE-A-2007-6820') };
// Non-residents income tax: rates depend on income type and residence, so none are modelled.
const TRLIRNR: Source = { title: { en: 'Royal Legislative Decree 5/2004 (Non-residents income tax)', es: 'Real Decreto Legislativo 5/2004, texto refundido de la Ley del IRNR' }, url: boe('BOE-A-2004-4527') };

/** VAT rates only apply to combos with the `standard` key; the other keys fix the percent. */
const STD = ['standard'] as const;

const vatRates: readonly RateDef[] = [
  {
    rate: 'general',
    keys: STD,
    name: { en: 'Standard Rate', es: 'Tipo General' },
    values: [
      { since: '2012-09-01', percent: '21.0%' },
      { since: '2010-07-01', percent: '18.0%' },
      { since: '1995-01-01', percent: '16.0%' },
      { since: '1993-01-01', percent: '15.0%' },
    ],
  },
  {
    // Equivalence surcharge (recargo de equivalencia) for retailers; GOBL starts it in 2010.
    rate: 'general+eqs',
    keys: STD,
    name: { en: 'Standard Rate + Equivalence Surcharge', es: 'Tipo General + Recargo de Equivalencia' },
    values: [
      { since: '2012-09-01', percent: '21.0%', surcharge: '5.2%' },
      { since: '2010-07-01', percent: '18.0%', surcharge: '4.0%' },
    ],
  },
  {
    rate: 'reduced',
    keys: STD,
    name: { en: 'Reduced Rate', es: 'Tipo Reducido' },
    values: [
      { since: '2012-09-01', percent: '10.0%' },
      { since: '2010-07-01', percent: '8.0%' },
      { since: '1995-01-01', percent: '7.0%' },
      { since: '1993-01-01', percent: '6.0%' },
    ],
  },
  {
    rate: 'reduced+eqs',
    keys: STD,
    name: { en: 'Reduced Rate + Equivalence Surcharge', es: 'Tipo Reducido + Recargo de Equivalencia' },
    values: [
      { since: '2012-09-01', percent: '10.0%', surcharge: '1.4%' },
      { since: '2010-07-01', percent: '8.0%', surcharge: '1.0%' },
    ],
  },
  {
    rate: 'super-reduced',
    keys: STD,
    name: { en: 'Super-Reduced Rate', es: 'Tipo Superreducido' },
    values: [
      { since: '1995-01-01', percent: '4.0%' },
      { since: '1993-01-01', percent: '3.0%' },
    ],
  },
  {
    rate: 'super-reduced+eqs',
    keys: STD,
    name: { en: 'Super-Reduced Rate + Equivalence Surcharge', es: 'Tipo Superreducido + Recargo de Equivalencia' },
    values: [{ since: '1995-01-01', percent: '4.0%', surcharge: '0.5%' }],
  },
];

// IGIC values carry no date in GOBL, so they apply to any tax date.
const igicRates: readonly RateDef[] = [
  { rate: 'general', keys: STD, name: { en: 'General Rate', es: 'Tipo General' }, values: [{ percent: '7.0%' }] },
  { rate: 'reduced', keys: STD, name: { en: 'Reduced Rate', es: 'Tipo Reducido' }, values: [{ percent: '3.0%' }] },
];

// IRPF has no keys: its rates are looked up with an empty combo key.
const irpfRates: readonly RateDef[] = [
  {
    rate: 'pro',
    name: { en: 'Professional Rate', es: 'Profesionales' },
    values: [
      { since: '2015-07-12', percent: '15.0%' },
      { since: '2015-01-01', percent: '19.0%' },
      { since: '2012-09-01', percent: '21.0%' },
      { since: '2007-01-01', percent: '15.0%' },
    ],
  },
  {
    // Professionals in their first years of activity.
    rate: 'pro-start',
    name: { en: 'Professional Starting Rate', es: 'Profesionales Inicio' },
    values: [{ since: '2007-01-01', percent: '7.0%' }],
  },
  {
    rate: 'capital',
    name: { en: 'Rental or Interest Capital', es: 'Alquileres o Intereses de Capital' },
    values: [{ since: '2007-01-01', percent: '19.0%' }],
  },
  {
    // Businesses taxed under the objective-estimation ("módulos") method.
    rate: 'modules',
    name: { en: 'Modules Rate', es: 'Tipo Módulos' },
    values: [{ since: '2007-01-01', percent: '1.0%' }],
  },
];

export const esCategories: readonly CategoryDef[] = [
  {
    code: 'VAT',
    name: { en: 'VAT', es: 'IVA' },
    title: { en: 'Value Added Tax', es: 'Impuesto sobre el Valor Añadido' },
    keys: vatKeys,
    rates: vatRates,
    sources: [LIVA, LPGE1995, LPGE2010, RDL20_2012],
  },
  {
    // Since v0.300 IGIC uses the same situation keys as VAT.
    code: 'IGIC',
    name: { en: 'IGIC', es: 'IGIC' },
    title: { en: 'Canary Island General Indirect Tax', es: 'Impuesto General Indirecto Canario' },
    keys: vatKeys,
    rates: igicRates,
    sources: [IGIC_LAW, IGIC_RATES],
  },
  {
    code: 'IPSI',
    name: { en: 'IPSI', es: 'IPSI' },
    title: { en: 'Tax on Production, Services and Imports', es: 'Impuesto sobre la Producción, los Servicios y la Importación' },
    sources: [IPSI_LAW],
  },
  {
    code: 'IRPF',
    name: { en: 'IRPF', es: 'IRPF' },
    title: { en: 'Personal Income Tax', es: 'Impuesto sobre la Renta de las Personas Físicas' },
    retained: true,
    rates: irpfRates,
    sources: [LIRPF, RIRPF],
  },
  {
    code: 'IRNR',
    name: { en: 'IRNR', es: 'IRNR' },
    title: { en: 'Non-Residents Income Tax', es: 'Impuesto sobre la Renta de no Residentes' },
    retained: true,
    sources: [TRLIRNR],
  },
];
