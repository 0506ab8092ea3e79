/**
 * QR symbols as data: which modules are dark. Error correction level M, as TicketBAI requires
 * (spec 1.2 §4.3.3) and the AEAT specifies for VERI*FACTU (ISO/IEC 18004, level M).
 */
import { create } from 'qrcode/lib/core/qrcode.js';

export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  readonly size: number;
  /** Row-major, 1 = dark. */
  readonly dark: Uint8Array;
}

/** Encodes `text` (UTF-8, byte mode where needed) as a QR symbol with error correction M. */
export function qrMatrix(text: string): QrMatrix {
  const symbol = create(text, { errorCorrectionLevel: 'M' });
  return { size: symbol.modules.size, dark: symbol.modules.data };
}

/** The dark modules as horizontal runs `[row, col, length]`: fewer rectangles to draw. */
export function qrRuns(m: QrMatrix): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let r = 0; r < m.size; r++) {
    let start = -1;
    for (let c = 0; c <= m.size; c++) {
      const dark = c < m.size && m.dark[r * m.size + c] === 1;
      if (dark && start < 0) start = c;
      else if (!dark && start >= 0) {
        runs.push([r, start, c - start]);
        start = -1;
      }
    }
  }
  return runs;
}
