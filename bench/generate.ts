/**
 * Deterministic large Spanish invoices for the benchmarks: a base ES invoice (the freelance example's
 * parties and payment) with N generated lines — varied prices and quantities, VAT at the general,
 * reduced and super-reduced rates, some line discounts and IRPF withholding on some service lines.
 * The same seed always gives the same document, so runs are comparable.
 */
import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;

/** mulberry32: small, fast, seedable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['Development services', 'Consulting', 'Code review', 'Technical support', 'Training session', 'Project management'];
const GOODS = ['USB-C cable', 'Laptop stand', 'Printed manual', 'Coffee beans', 'Bread', 'Textbook', 'Mineral water', 'Office chair'];
const DISCOUNTS = [
  { percent: '5%', reason: 'Volume discount' },
  { percent: '10%', reason: 'Loyal customer' },
  { percent: '12.5%', reason: 'Promotion' },
];

export function generateLines(count: number, seed = 1): Json[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const lines: Json[] = [];
  for (let i = 0; i < count; i++) {
    const service = r() < 0.4;
    const cents = 50 + Math.floor(r() * 99_950); // 0.50 .. 999.99
    const price = r() < 0.1 ? (cents / 100 + Math.floor(r() * 100) / 10_000).toFixed(4) : (cents / 100).toFixed(2);
    const quantity = service ? (r() < 0.5 ? String(1 + Math.floor(r() * 40)) : (0.25 * (1 + Math.floor(r() * 80))).toFixed(2)) : String(1 + Math.floor(r() * 50));
    const vat = r();
    const taxes: Json[] = [{ cat: 'VAT', rate: service || vat < 0.6 ? 'general' : vat < 0.85 ? 'reduced' : 'super-reduced' }];
    if (service && r() < 0.5) taxes.push({ cat: 'IRPF', rate: 'pro' });
    const line: Json = {
      quantity,
      item: { name: `${pick(service ? SERVICES : GOODS)} #${i + 1}`, price, unit: service ? 'h' : 'item' },
    };
    if (r() < 0.15) line.discounts = [pick(DISCOUNTS)];
    line.taxes = taxes;
    lines.push(line);
  }
  return lines;
}

/** The freelance example with its lines replaced by `count` generated ones. */
export function largeInvoice(count: number, baseFile: URL, seed = 1): Json {
  const base = JSON.parse(readFileSync(baseFile, 'utf8')) as Json;
  return { ...base, code: `BENCH-${count}`, lines: generateLines(count, seed) };
}
