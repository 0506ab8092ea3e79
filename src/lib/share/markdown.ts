/**
 * "Copy as Markdown": a support ticket's worth of the document — the link, what the invoice is,
 * its totals, the problems the engine found — so a person pastes one block into an issue or a
 * chat. The document itself goes in a collapsed block when it is short enough to read there.
 */
import type { Fault } from '../../../engine/index.ts';

export interface ReproInput {
  readonly title: string;
  readonly link: string;
  /** The text shared (anonymized when the person chose so). */
  readonly source: string;
  readonly envelope?: Record<string, unknown>;
  readonly faults?: readonly Fault[];
  /** Whether names and tax IDs were replaced by test ones. */
  readonly anonymized: boolean;
}

/** Longer documents are left to the link: a ticket is not the place for them. */
export const MAX_INLINE = 6_000;

const code = (s: string) => `\`${s.replace(/`/g, 'ʼ')}\``;

export function markdownRepro(r: ReproInput): string {
  const doc = (r.envelope?.doc ?? {}) as { series?: string; code?: string; issue_date?: string; currency?: string; totals?: { payable?: string }; $addons?: string[] };
  const number = doc.code ? [doc.series, doc.code].filter(Boolean).join('-') : `${doc.series ? `${doc.series} ` : ''}(no number)`;
  const lines = [`**${r.title.replace(/[*_[\]]/g, '\\$&')}** — [open in gobl-studio](${r.link})${r.anonymized ? ' (test names and tax IDs)' : ''}`, ''];
  if (r.envelope) {
    const facts = [number, doc.issue_date, doc.totals?.payable ? `payable ${doc.totals.payable} ${doc.currency ?? ''}`.trim() : undefined, doc.$addons?.length ? doc.$addons.join(', ') : undefined];
    lines.push(`- Invoice: ${facts.filter(Boolean).join(' · ')}`);
  }
  const faults = r.faults ?? [];
  if (faults.length === 0) lines.push(r.envelope ? '- Builds without problems' : '- Not built');
  else {
    lines.push(`- Problems (${faults.length}):`);
    for (const f of faults.slice(0, 20)) lines.push(`  - ${code(f.code)} ${f.paths.map(code).join(', ')}: ${f.message}`);
    if (faults.length > 20) lines.push(`  - … and ${faults.length - 20} more`);
  }
  if (r.source.length <= MAX_INLINE) {
    const fence = r.source.includes('```') ? '````' : '```';
    lines.push('', '<details><summary>Document</summary>', '', `${fence}json`, r.source.trimEnd(), fence, '', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
