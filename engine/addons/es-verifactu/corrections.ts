/**
 * How VERI*FACTU corrections are made (GOBL `addons/es/verifactu/bill.go`): the `correct`
 * options offer the doc type (R1-R5) for the preceding reference, and the original invoice's
 * tax totals are copied onto it, because a substitution must report the replaced amounts.
 */
import type { CorrectionDef } from '../../tax/regime-def.ts';
import { VERIFACTU_DOC_TYPE } from './extensions.ts';

export const verifactuCorrections: readonly CorrectionDef[] = [{ schema: 'bill/invoice', extensions: [VERIFACTU_DOC_TYPE], copyTax: true }];
