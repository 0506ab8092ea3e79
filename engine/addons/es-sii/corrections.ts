/**
 * How SII corrections are made (GOBL `addons/es/sii/bill.go`): the `correct` options offer the
 * doc type (R1-R5) for the preceding reference, and the original invoice's tax totals are copied
 * onto it, because a substitution ("por sustitución") must report the replaced amounts.
 */
import type { CorrectionDef } from '../../tax/regime-def.ts';
import { SII_DOC_TYPE } from './extensions.ts';

export const siiCorrections: readonly CorrectionDef[] = [{ schema: 'bill/invoice', extensions: [SII_DOC_TYPE], copyTax: true }];
