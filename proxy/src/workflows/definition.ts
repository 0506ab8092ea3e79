/**
 * Workflow definitions as Invopop writes them (the seed's JSON, verbatim): `name`, `description`,
 * `schema`, `steps[]` and `rescue[]`, each step `{id, name, provider, config?, summary?}`.
 *
 * `parseWorkflow` checks everything that can be checked before a job starts — known providers,
 * each provider's config (closed: unknown keys are refused), the document schema each provider
 * works on, unique step ids — and answers every problem at once with a JSON path, so a bad
 * definition never runs half way.
 */
import { z } from 'zod';
import { badDateDirective } from '../../../engine/render/pdf/format.ts';

/** Silo entry states (Invopop's `silo.state` values). */
export const STATES = ['empty', 'processing', 'sent', 'registered', 'rejected', 'void', 'error', 'completed', 'paid', 'skipped'] as const;
export type SiloState = (typeof STATES)[number];

const INVOICE = 'bill/invoice';
const PARTY = 'org/party';

const none = z.object({}).strict();

const SequenceConfig = z
  .object({
    name: z.string().trim().min(1, 'a sequence needs a name').max(100),
    start: z.number().int().min(0).max(1e12).optional(),
    prefix: z.string().max(40).optional(),
    suffix: z.string().max(40).optional(),
    padding: z.number().int().min(0).max(20).optional(),
  })
  .strict();

const StateConfig = z.object({ state: z.enum(STATES) }).strict();

const PdfConfig = z
  .object({
    locale: z.enum(['es', 'en', 'eu']).optional(),
    date_format: z
      .string()
      .max(60)
      .optional()
      .superRefine((v, ctx) => {
        const bad = v === undefined ? undefined : badDateDirective(v);
        if (bad) ctx.addIssue({ code: 'custom', message: `unknown date directive ${bad}: use %Y %y %m %-m %d %-d %e %b %B %%` });
      }),
    layout: z
      .string()
      .optional()
      .refine((v) => v === undefined || /^(a4|letter)$/i.test(v.trim()), 'layout is A4 or letter'),
    logo_height: z.number().min(1).max(300).optional(),
  })
  .strict();

export interface ProviderSpec {
  /** The document schemas the provider works on (short names). */
  readonly schemas: readonly string[];
  readonly config: z.ZodType;
  /** Whether `config` may be left out (no required keys). */
  readonly configOptional: boolean;
  readonly title: string;
  /** Advances a signed chain (TicketBAI, VERI*FACTU): codes before it are ordered by it. */
  readonly chains?: boolean;
}

const spec = (title: string, schemas: readonly string[], config: z.ZodType = none, configOptional = true, chains = false): ProviderSpec => ({ title, schemas, config, configOptional, chains });

export const PROVIDERS: Readonly<Record<string, ProviderSpec>> = {
  'sequence.enumerate': spec('Add sequential code', [INVOICE], SequenceConfig, false),
  'silo.state': spec('Set state', [INVOICE, PARTY], StateConfig, false),
  'silo.close': spec('Sign envelope', [INVOICE, PARTY]),
  'gov-es.ticketbai.generate': spec('Generate TicketBAI', [INVOICE], none, true, true),
  'gov-es.ticketbai.send': spec('Send TicketBAI', [INVOICE]),
  'gov-es.ticketbai.cancel': spec('Cancel TicketBAI', [INVOICE]),
  'gov-es.ticketbai.register': spec('Register with TicketBAI', [PARTY]),
  'gov-es.ticketbai.unregister': spec('Unregister with TicketBAI', [PARTY]),
  'gov-es.ticketbai.wait.upload': spec('Wait for upload (TicketBAI)', [PARTY]),
  'gov-es.ticketbai.wait.approval': spec('Wait for approval (TicketBAI)', [PARTY]),
  'gov-es.sii.record.issued': spec('Record issued invoice in SII', [INVOICE]),
  'gov-es.sii.record.received': spec('Record received invoice in SII', [INVOICE]),
  'gov-es.sii.register': spec('Register with SII', [PARTY]),
  'gov-es.sii.unregister': spec('Unregister with SII', [PARTY]),
  'gov-es.sii.wait.upload': spec('Wait for upload (SII)', [PARTY]),
  'gov-es.sii.wait.approval': spec('Wait for approval (SII)', [PARTY]),
  'gov-es.verifactu.generate': spec('Generate VERI*FACTU', [INVOICE], none, true, true),
  'gov-es.verifactu.send': spec('Send VERI*FACTU', [INVOICE]),
  'gov-es.verifactu.cancel': spec('Cancel VERI*FACTU', [INVOICE]),
  pdf: spec('Generate PDF', [INVOICE], PdfConfig),
};

export const PROVIDER_NAMES = Object.keys(PROVIDERS);

export interface StepDef {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly config?: Record<string, unknown>;
  readonly summary?: string;
}

export interface Workflow {
  readonly name: string;
  readonly description?: string;
  readonly schema: string;
  readonly steps: readonly StepDef[];
  readonly rescue: readonly StepDef[];
}

export interface DefinitionProblem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

export type ParseResult = { readonly ok: true; readonly workflow: Workflow; readonly warnings: readonly DefinitionProblem[] } | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

/** Top-level keys Invopop exports carry beside the definition (kept out of the run, never refused). */
const METADATA_KEYS = new Set(['$schema', 'id', 'key', 'uuid', 'created_at', 'updated_at', 'folder', 'folder_id', 'workspace_id', 'version', 'tags', 'icon', 'color']);

const Step = z
  .object({
    id: z.string().trim().min(1).max(100),
    name: z.string().max(200).default(''),
    provider: z.string().min(1),
    config: z.record(z.string(), z.unknown()).optional(),
    summary: z.string().max(1000).optional(),
  })
  .strict();

const Shape = z.object({
  name: z.string().trim().min(1, 'a workflow needs a name').max(200),
  description: z.string().max(2000).optional(),
  schema: z.string().min(1),
  steps: z.array(z.unknown()).min(1, 'a workflow needs at least one step').max(100),
  rescue: z.array(z.unknown()).max(100).optional(),
});

const pathOf = (base: string, p: readonly PropertyKey[]) => base + p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');

/** Normalises `https://gobl.org/draft-0/bill/invoice` and `bill/invoice` to the short name. */
export function shortSchema(s: string): string {
  return s.replace(/^https:\/\/gobl\.org\/draft-0\//, '');
}

export function parseWorkflow(input: unknown): ParseResult {
  const problems: DefinitionProblem[] = [];
  const warnings: DefinitionProblem[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: [{ code: 'WF-SHAPE', path: '$', message: 'a workflow is a JSON object' }] };
  for (const k of Object.keys(input)) {
    if (!['name', 'description', 'schema', 'steps', 'rescue'].includes(k)) {
      (METADATA_KEYS.has(k) ? warnings : problems).push({ code: METADATA_KEYS.has(k) ? 'WF-IGNORED' : 'WF-SHAPE', path: `$.${k}`, message: METADATA_KEYS.has(k) ? `${k} is metadata: ignored` : `unknown key ${JSON.stringify(k)}` });
    }
  }
  const shape = Shape.safeParse(input);
  if (!shape.success) {
    for (const i of shape.error.issues) problems.push({ code: 'WF-SHAPE', path: pathOf('$', i.path), message: i.message });
    return { ok: false, problems };
  }
  const schema = shortSchema(shape.data.schema);
  if (![INVOICE, PARTY].includes(schema)) problems.push({ code: 'WF-SCHEMA', path: '$.schema', message: `schema ${JSON.stringify(shape.data.schema)} is not supported: use bill/invoice or org/party` });
  const ids = new Map<string, string>();
  const readSteps = (list: readonly unknown[], base: string): StepDef[] =>
    list.flatMap((raw, i) => {
      const at = `${base}[${i}]`;
      const s = Step.safeParse(raw);
      if (!s.success) {
        for (const issue of s.error.issues) problems.push({ code: 'WF-STEP', path: pathOf(at, issue.path), message: issue.message });
        return [];
      }
      const step = s.data;
      const seen = ids.get(step.id);
      if (seen) problems.push({ code: 'WF-STEP-ID', path: `${at}.id`, message: `step id ${step.id} is already used at ${seen}` });
      else ids.set(step.id, at);
      const p = PROVIDERS[step.provider];
      if (!p) {
        problems.push({ code: 'WF-PROVIDER', path: `${at}.provider`, message: `unknown provider ${JSON.stringify(step.provider)}: known are ${PROVIDER_NAMES.join(', ')}` });
        return [];
      }
      if (!p.schemas.includes(schema)) problems.push({ code: 'WF-PROVIDER-SCHEMA', path: `${at}.provider`, message: `${step.provider} works on ${p.schemas.join(' or ')}, not on ${schema}` });
      if (step.config === undefined && !p.configOptional) {
        problems.push({ code: 'WF-CONFIG', path: `${at}.config`, message: `${step.provider} needs a config` });
      } else {
        const c = p.config.safeParse(step.config ?? {});
        if (!c.success) for (const issue of c.error.issues) problems.push({ code: 'WF-CONFIG', path: pathOf(`${at}.config`, issue.path), message: issue.message });
      }
      return [{ id: step.id, name: step.name, provider: step.provider, config: step.config, summary: step.summary }];
    });
  const steps = readSteps(shape.data.steps, '$.steps');
  const rescue = readSteps(shape.data.rescue ?? [], '$.rescue');
  if (problems.length) return { ok: false, problems };
  return { ok: true, workflow: { name: shape.data.name, description: shape.data.description, schema, steps, rescue }, warnings };
}

/** The config of a step as its provider reads it (already validated by parseWorkflow). */
export function configOf<T>(step: StepDef): T {
  return (step.config ?? {}) as T;
}

export interface SequenceSettings {
  readonly name: string;
  readonly start?: number;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly padding?: number;
}

export interface PdfSettings {
  readonly locale?: 'es' | 'en' | 'eu';
  readonly date_format?: string;
  readonly layout?: string;
  readonly logo_height?: number;
}

/** `{"prefix":"F","padding":6}` and 1 → `F000001`. */
export function formatSequence(c: SequenceSettings, n: number): string {
  return `${c.prefix ?? ''}${String(n).padStart(c.padding ?? 0, '0')}${c.suffix ?? ''}`;
}
