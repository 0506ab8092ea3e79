/**
 * The page primitives the layout is written with: boxes, colours, page geometry and the flow
 * cursor that breaks pages. Pure data.
 */
import type { QrMatrix } from './qr.ts';
import type { PageLayout } from './options.ts';
import { fitText, type Measure } from './text.ts';
import type { InvoiceView } from './view.ts';

export type Color = readonly [number, number, number];

export type Box =
  /** `y` is the baseline. */
  | { readonly kind: 'text'; readonly x: number; readonly y: number; readonly text: string; readonly size: number; readonly bold: boolean; readonly color: Color }
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly fill?: Color; readonly stroke?: Color; readonly lineWidth?: number; readonly dashed?: boolean }
  | { readonly kind: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly width: number; readonly color: Color }
  /** A QR symbol of `size` points per side (quiet zone not included), top-left at x, y. */
  | { readonly kind: 'qr'; readonly x: number; readonly y: number; readonly size: number; readonly matrix: QrMatrix; readonly content: string }
  | { readonly kind: 'logo'; readonly x: number; readonly y: number; readonly w: number; readonly h: number };

export interface Page {
  readonly width: number;
  readonly height: number;
  readonly boxes: Box[];
}

export const COLORS = {
  text: [0.13, 0.14, 0.16],
  muted: [0.4, 0.43, 0.48],
  accent: [0.1, 0.24, 0.4],
  rule: [0.8, 0.83, 0.86],
  faint: [0.9, 0.91, 0.93],
  headFill: [0.94, 0.95, 0.965],
  grandFill: [0.9, 0.93, 0.965],
} as const satisfies Record<string, Color>;

export const PAGE_SIZES: Readonly<Record<PageLayout, readonly [number, number]>> = {
  A4: [595.28, 841.89],
  letter: [612, 792],
};

/** 1 mm in points. */
export const MM = 72 / 25.4;
/** QR side: TicketBAI and VERI*FACTU both ask for 30–40 mm; 32 mm leaves room for print shrink. */
export const QR_SIDE = 32 * MM;
/** TicketBAI recommends 6 mm of white around the QR (spec 1.2 §4.3.3). */
export const QR_QUIET = 6 * MM;

export interface Geometry {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  /** Lowest y the flowing content may reach (the footer sits below). */
  readonly bottom: number;
}

export function geometryFor(layout: PageLayout): Geometry {
  const [width, height] = PAGE_SIZES[layout];
  return { width, height, left: 42, right: width - 42, top: 40, bottom: height - 52 };
}

/** The page cursor: content flows down and moves to a new page when it runs out of room. */
export interface Flow {
  readonly g: Geometry;
  readonly view: InvoiceView;
  readonly measure: Measure;
  readonly pages: Page[];
  page: Page;
  y: number;
  /** Called after a page break (the lines table repeats its header through it). */
  onBreak?: (flow: Flow) => void;
}

export function text(flow: Flow, x: number, y: number, s: string, size: number, opts: { bold?: boolean; color?: Color; align?: 'left' | 'right' | 'center' } = {}): void {
  if (s === '') return;
  const bold = opts.bold ?? false;
  const w = opts.align && opts.align !== 'left' ? flow.measure(s, size, bold) : 0;
  const left = opts.align === 'right' ? x - w : opts.align === 'center' ? x - w / 2 : x;
  flow.page.boxes.push({ kind: 'text', x: left, y, text: s, size, bold, color: opts.color ?? COLORS.text });
}

export function rule(flow: Flow, x1: number, x2: number, y: number, color: Color = COLORS.rule, width = 0.6): void {
  flow.page.boxes.push({ kind: 'line', x1, y1: y, x2, y2: y, width, color });
}

function newPage(flow: Flow): void {
  flow.page = { width: flow.g.width, height: flow.g.height, boxes: [] };
  flow.pages.push(flow.page);
  // Continuation pages repeat who and what in one line, so a loose page is still identifiable.
  const v = flow.view;
  const room = flow.g.right - flow.g.left - flow.measure(v.labels.continued, 8, false) - 24;
  text(flow, flow.g.left, flow.g.top + 8, fitText(`${v.title} ${v.number} · ${v.supplier.name}`, room, { size: 8, bold: true }, flow.measure), 8, { bold: true, color: COLORS.muted });
  text(flow, flow.g.right, flow.g.top + 8, v.labels.continued, 8, { color: COLORS.muted, align: 'right' });
  rule(flow, flow.g.left, flow.g.right, flow.g.top + 14);
  flow.y = flow.g.top + 28;
}

/** Makes room for `h` points, breaking the page when the current one cannot hold them. */
export function ensure(flow: Flow, h: number): void {
  if (flow.y + h <= flow.g.bottom) return;
  newPage(flow);
  flow.onBreak?.(flow);
}

/** A small uppercase caption with an accent rule under it: the head of each block. */
export function caption(flow: Flow, x: number, width: number, s: string): void {
  text(flow, x, flow.y + 8, s.toUpperCase(), 7.5, { bold: true, color: COLORS.accent });
  rule(flow, x, x + width, flow.y + 12, COLORS.accent, 0.8);
  flow.y += 22;
}

export interface LogoBox {
  /** Natural size, to keep the aspect ratio. */
  readonly width: number;
  readonly height: number;
  /** Printed height in points. */
  readonly printHeight: number;
}
