/** The sample documents for the menu, bundled from samples/ (loaded on demand). */
import index from '../../samples/index.json';

export interface SampleEntry {
  readonly file: string;
  readonly title: string;
  readonly scenario: string;
  readonly addon?: string;
  readonly explanation: string;
  readonly comment?: string;
}

const files = import.meta.glob('../../samples/*.json', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export const samples: readonly SampleEntry[] = (index as { samples: SampleEntry[] }).samples;

export const SCENARIOS = ['TicketBAI', 'SII', 'VERI*FACTU', 'Facturae', 'Party'] as const;

export function samplesByScenario(): { scenario: string; items: SampleEntry[] }[] {
  return SCENARIOS.map((scenario) => ({ scenario, items: samples.filter((s) => s.scenario === scenario) })).filter((g) => g.items.length > 0);
}

export async function loadSample(file: string): Promise<string> {
  const load = files[`../../samples/${file}`];
  if (!load) throw new Error(`unknown sample ${file}`);
  return load();
}
