/**
 * `/api/sandbox/faults`: trouble on demand from the embedded sandbox authority, so failure flows
 * (retries, a record that got through although the answer was lost, an unreadable answer) can be
 * shown without real services. Each queued fault hits the next request the sandbox receives.
 * Only the embedded sandbox is affected; the test and production services never are.
 */
import type { Hono } from 'hono';
import type { JsonBody } from './json-body.ts';
import { z } from 'zod';
import { ProxyError } from './errors.ts';
import type { FaultPlan, SandboxFault } from './sandbox/app.ts';

/** What a person can ask for, and what the sandbox does. */
export const TROUBLES = {
  unavailable: { fault: { kind: 'status', status: 503 }, label: 'Service unavailable (HTTP 503), nothing registered' },
  'drop-before': { fault: { kind: 'reset' }, label: 'Connection dropped before the record is read, nothing registered' },
  'drop-after': { fault: { kind: 'reset-after' }, label: 'Record registered, then the connection drops: the answer is lost' },
  malformed: { fault: { kind: 'malformed' }, label: 'An answer that is not well-formed XML' },
  slow: { fault: { kind: 'delay', ms: 8000 }, label: 'Answers after 8 seconds' },
  reject: { fault: { kind: 'reject' }, label: "The record is refused: the recipient's NIF is not identified" },
} as const satisfies Record<string, { fault: SandboxFault; label: string }>;
export type Trouble = keyof typeof TROUBLES;

const Body = z.object({ kind: z.enum(Object.keys(TROUBLES) as [Trouble, ...Trouble[]]), count: z.number().int().min(1).max(10).default(1) });

const kindOf = (f: SandboxFault): Trouble | undefined => (Object.keys(TROUBLES) as Trouble[]).find((k) => JSON.stringify(TROUBLES[k].fault) === JSON.stringify(f));

function view(plan: FaultPlan) {
  return {
    queued: plan.list().map((f) => kindOf(f) ?? f.kind),
    available: Object.entries(TROUBLES).map(([kind, t]) => ({ kind, label: t.label })),
  };
}

export function registerSandboxTroubleRoutes(app: Hono, plan: FaultPlan | undefined, body: JsonBody): void {
  const need = () => {
    if (!plan) throw new ProxyError('not_found', 'this proxy runs no embedded sandbox authority');
    return plan;
  };
  app.get('/api/sandbox/faults', (c) => c.json(view(need())));
  app.post('/api/sandbox/faults', async (c) => {
    const p = need();
    const b = await body(c, Body);
    for (let i = 0; i < b.count; i++) p.push(TROUBLES[b.kind].fault);
    return c.json(view(p), 201);
  });
  app.delete('/api/sandbox/faults', (c) => {
    const p = need();
    p.clear();
    return c.json(view(p));
  });
}
