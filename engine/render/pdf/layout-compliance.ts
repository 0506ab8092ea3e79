/**
 * The Spanish compliance blocks.
 *
 * VERI*FACTU (Orden HAC/1177/2024 art. 21 and the AEAT QR specification): "QR tributario:"
 * above a 30–40 mm QR at the start of the invoice, and "VERI*FACTU" under it in VERI*FACTU mode.
 *
 * TicketBAI (spec 1.2 §4.3.2–4.3.3): on a portrait page, at the very bottom of the invoice (its
 * last page), the TBAI identifier on one line with the 30–40 mm QR TBAI under it, level M, with
 * about 6 mm of white around it. Unsigned invoices get a marked placeholder instead.
 */
import type { TbaiBlock, VerifactuBlock } from './compliance.ts';
import { COLORS, MM, QR_QUIET, QR_SIDE, ensure, text, type Flow } from './flow.ts';
import { qrMatrix } from './qr.ts';
import { wrapText } from './text.ts';

/** White between a QR and the text next to it: a little over four modules of a 32 mm symbol. */
const QR_GAP = 3.2 * MM;

/** Width of the VERI*FACTU block: the QR itself (the page margin is its quiet zone). */
export const VERIFACTU_BLOCK_WIDTH = QR_SIDE;

function placeholder(flow: Flow, x: number, y: number, side: number, message: string): void {
  flow.page.boxes.push({ kind: 'rect', x, y, w: side, h: side, stroke: COLORS.muted, lineWidth: 0.8, dashed: true });
  const lines = wrapText(message, side - 12, { size: 7.5, bold: true }, flow.measure);
  let ty = y + side / 2 - (lines.length * 10) / 2 + 7;
  for (const line of lines) {
    text(flow, x + side / 2, ty, line, 7.5, { bold: true, color: COLORS.muted, align: 'center' });
    ty += 10;
  }
}

/** Draws the VERI*FACTU block with its top-left at (x, top); returns the y below it. */
export function layoutVerifactu(flow: Flow, x: number, top: number, block: VerifactuBlock): number {
  const l = flow.view.labels;
  text(flow, x, top + 8, l.verifactuQr, 8.5, { bold: true });
  // Four modules (~3 mm) of white between the QR and the words around it (ISO/IEC 18004).
  const qrTop = top + 8 + QR_GAP;
  if (block.qr) flow.page.boxes.push({ kind: 'qr', x, y: qrTop, size: QR_SIDE, matrix: qrMatrix(block.qr), content: block.qr });
  else placeholder(flow, x, qrTop, QR_SIDE, l.verifactuPending);
  let y = qrTop + QR_SIDE;
  if (block.legend) {
    y += QR_GAP + 7;
    text(flow, x + QR_SIDE / 2, y, 'VERI*FACTU', 9, { bold: true, align: 'center' });
  }
  return y + 4;
}

/** TBAI identifier and QR at the bottom of the last page (a new page when there is no room). */
export function layoutTbai(flow: Flow): void {
  const block: TbaiBlock | undefined = flow.view.compliance.tbai;
  if (!block) return;
  const { g, view } = flow;
  const l = view.labels;
  const idSize = 9;
  const height = QR_QUIET + idSize + QR_QUIET + QR_SIDE + QR_QUIET;
  ensure(flow, height);
  const top = g.bottom - height;
  const cx = (g.left + g.right) / 2;
  const idY = top + QR_QUIET + idSize - 2;
  if (block.code) {
    // One line, in the same type as the rest of the invoice (spec §4.3.2).
    text(flow, cx, idY, block.code, idSize, { bold: true, align: 'center' });
  } else {
    text(flow, cx, idY, l.tbaiPending, 7.5, { bold: true, color: COLORS.muted, align: 'center' });
  }
  const qrTop = idY + QR_QUIET;
  if (block.qr) flow.page.boxes.push({ kind: 'qr', x: cx - QR_SIDE / 2, y: qrTop, size: QR_SIDE, matrix: qrMatrix(block.qr), content: block.qr });
  else placeholder(flow, cx - QR_SIDE / 2, qrTop, QR_SIDE, l.tbaiPendingQr);
  flow.y = g.bottom;
}
