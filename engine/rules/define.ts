/**
 * Validation rules as data: each assertion has GOBL's stable fault code, the field it looks at
 * (relative to the object it is bound to), a description that becomes the fault message, and a
 * small typed test. A catalogue of every rule can be listed without running anything.
 */
import type { AddonDef } from '../tax/addon-def.ts';
import type { RegimeDef } from '../tax/regime-def.ts';

/** The kinds of object the walker knows; rule sets bind to one of them. */
export type ObjectKind =
  | 'envelope'
  | 'head/header'
  | 'head/stamp'
  | 'head/link'
  | 'bill/invoice'
  | 'bill/line'
  | 'bill/sub-line'
  | 'bill/line-discount'
  | 'bill/line-charge'
  | 'bill/discount'
  | 'bill/charge'
  | 'bill/tax'
  | 'bill/totals'
  | 'bill/ordering'
  | 'bill/payment-details'
  | 'bill/delivery-details'
  | 'bill/payment'
  | 'bill/payment-line'
  | 'bill/status'
  | 'bill/status-line'
  | 'bill/delivery'
  | 'bill/order'
  | 'note/message'
  | 'tax/combo'
  | 'tax/identity'
  | 'tax/note'
  | 'tax/total'
  | 'org/party'
  | 'org/item'
  | 'org/identity'
  | 'org/note'
  | 'org/address'
  | 'org/email'
  | 'org/telephone'
  | 'org/website'
  | 'org/inbox'
  | 'org/person'
  | 'org/name'
  | 'org/document-ref'
  | 'org/attachment'
  | 'org/image'
  | 'org/registration'
  | 'pay/terms'
  | 'pay/due-date'
  | 'pay/record'
  | 'pay/instructions'
  | 'pay/online'
  | 'cal/period'
  | 'currency/exchange-rate'
  | 'currency/amount';

export interface RuleContext {
  readonly regime?: RegimeDef;
  /**
   * Every known regime by country code. Tax combos with their own `country` are checked against
   * that country's regime (GOBL-TAX-COMBO-*); ES tax IDs use the ES regime's code check.
   */
  readonly regimes?: ReadonlyMap<string, RegimeDef>;
  /**
   * Every extension key registered by any regime or addon (GOBL's global registry, used by
   * GOBL-TAX-COMBO-06). When absent, the extensions of `addons` are used.
   */
  readonly extensionKeys?: ReadonlySet<string>;
  readonly addons: readonly AddonDef[];
  hasAddon(key: string): boolean;
  /** The document being validated (the envelope's `doc`, or the bare document). */
  readonly doc: unknown;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Assertion<T = any> {
  /** GOBL fault code, e.g. `GOBL-ES-TBAI-BILL-INVOICE-07`. A public contract: never reused. */
  readonly code: string;
  /** Becomes the fault message. */
  readonly desc: string;
  /** Dotted field path relative to the bound object (`supplier.tax_id.code`); empty: the object. */
  readonly field?: string;
  /** Apply the test to each element of the (array) field, reporting `field[i]`. */
  readonly each?: boolean;
  /** Skip when the value is empty (GOBL's AssertIfPresent). */
  readonly ifPresent?: boolean;
  /** Only assert when this holds for the bound object. */
  readonly when?: (node: T, ctx: RuleContext) => boolean;
  readonly test: (value: any, node: T, ctx: RuleContext) => boolean;
}

export interface RuleSet<T = any> {
  readonly object: ObjectKind;
  /** Human-readable guard, for the catalogue (e.g. `addon es-tbai-v1`). */
  readonly guardDesc?: string;
  readonly guard?: (ctx: RuleContext) => boolean;
  readonly assertions: readonly Assertion<T>[];
}

export function ruleSet<T>(object: ObjectKind, assertions: Assertion<T>[], guard?: RuleSet['guard'], guardDesc?: string): RuleSet<T> {
  return { object, assertions, guard, guardDesc };
}

/** GOBL's notion of "present": not nil, "", empty list or map, 0 or false. */
export function isPresent(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return true; // structs always count, as in Go
  return true;
}

/** Like isPresent, but maps must be non-empty (used for ext/meta). */
export function isNonEmptyMap(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Object.keys(v).length > 0;
}
