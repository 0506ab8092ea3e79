/**
 * A QR symbol as SVG rectangles, drawn locally with the engine's encoder (error correction M,
 * as TicketBAI and VERI*FACTU require): no image service, no request.
 */
import { qrMatrix, qrRuns } from '../../../engine/render/pdf/qr.ts';

export interface QrDrawing {
  /** Side of the viewBox in modules, quiet zone included. */
  readonly side: number;
  /** `[x, y, width]` of each dark run (height 1). */
  readonly runs: readonly (readonly [number, number, number])[];
}

export const QUIET = 4;

export function qrDrawing(text: string): QrDrawing {
  const m = qrMatrix(text);
  return { side: m.size + 2 * QUIET, runs: qrRuns(m).map(([r, c, n]) => [c + QUIET, r + QUIET, n] as const) };
}
