/**
 * The workflows the panel offers: samples/workflows (Invopop's public examples from seed 004,
 * cleaned, plus our VERI*FACTU ones), bundled so they are there offline.
 */
import index from '../../../samples/workflows/index.json';

export interface WorkflowSample {
  readonly file: string;
  readonly title: string;
  /** `seed`: Invopop's example; `ours`: written here. */
  readonly source: 'seed' | 'ours';
  /** The studio sample document it is meant for. */
  readonly document: string;
  /** It runs on an entry an earlier job made (a cancellation). */
  readonly needs?: string;
  readonly ends: string;
  readonly explanation: string;
  readonly workflow: Record<string, unknown>;
}

const files = import.meta.glob('../../../samples/workflows/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;

export const workflowSamples: readonly WorkflowSample[] = (index as { workflows: Omit<WorkflowSample, 'workflow'>[] }).workflows.map((w) => {
  const workflow = files[`../../../samples/workflows/${w.file}`];
  if (!workflow) throw new Error(`samples/workflows/${w.file} is listed but missing`);
  return { ...w, workflow };
});

/** The schema a workflow runs on, short (`bill/invoice`). */
export function schemaOf(workflow: unknown): string | undefined {
  const s = (workflow as { schema?: unknown } | null)?.schema;
  return typeof s === 'string' ? s.replace(/^https:\/\/gobl\.org\/draft-0\//, '') : undefined;
}
