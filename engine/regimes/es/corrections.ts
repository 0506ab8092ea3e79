/**
 * Which document types may correct an invoice in Spain (GOBL `regimes/es/corrections.go`).
 * Spanish law only knows "facturas rectificativas" (Real Decreto 1619/2012, art. 15); GOBL
 * lets all three correction types express them and the formats map them to their codes.
 * Addons add the extensions and options they need on top of this definition.
 */
import type { CorrectionDef } from '../../tax/regime-def.ts';

export const esCorrections: readonly CorrectionDef[] = [{ schema: 'bill/invoice', types: ['credit-note', 'corrective', 'debit-note'] }];
