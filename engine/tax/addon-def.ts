/**
 * An addon (TicketBAI, SII, VERI*FACTU, FacturaE...) is one plain object: its extension code
 * lists, tags, scenarios and corrections as data, plus small normalizer functions and rule sets.
 */
import type { Combo } from '../model/tax.ts';
import type { Invoice, Line } from '../model/bill.ts';
import type { Party } from '../model/org.ts';
import type { RuleSet } from '../rules/define.ts';
import type {
  CorrectionDef,
  ExtensionDef,
  I18n,
  IdentityKeyDef,
  RegimeDef,
  ScenarioSet,
  Source,
  TagDef,
} from './regime-def.ts';

/** What a normalizer can see besides the node it normalizes. */
export interface NormalizeContext {
  readonly regime?: RegimeDef;
  /** Every known regime, by country code: combos with a foreign `country` use that regime. */
  readonly regimes: ReadonlyMap<string, RegimeDef>;
  readonly addons: readonly AddonDef[];
  /** The active addons in registration order: GOBL runs guarded normalizers in that order. */
  readonly normalizerOrder: readonly AddonDef[];
  hasAddon(key: string): boolean;
}

/** Normalizers run children-first; each one may only fill or tidy its own node. */
export interface Normalizers {
  readonly combo?: (combo: Combo, ctx: NormalizeContext) => void;
  readonly line?: (line: Line, ctx: NormalizeContext) => void;
  readonly party?: (party: Party, ctx: NormalizeContext) => void;
  readonly invoice?: (invoice: Invoice, ctx: NormalizeContext) => void;
}

export interface AddonDef {
  readonly key: string;
  readonly name: I18n;
  readonly description?: I18n;
  readonly requires?: readonly string[];
  readonly sources?: readonly Source[];
  readonly extensions: readonly ExtensionDef[];
  readonly tags?: readonly TagDef[];
  readonly identityKeys?: readonly IdentityKeyDef[];
  readonly scenarios?: readonly ScenarioSet[];
  readonly corrections?: readonly CorrectionDef[];
  readonly normalizers?: Normalizers;
  readonly rules?: readonly RuleSet[];
  /** Runs on a correction's preceding reference (SII/VERI*FACTU move the doc type). */
  readonly normalizeCorrection?: (invoice: Invoice) => void;
}
