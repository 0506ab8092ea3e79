/**
 * The workflow runner against the sandbox authority: the eight workflows of seed 004, taken out
 * of the seed text and run verbatim, each ending in its documented state; definitions checked
 * before anything runs; silo.close seals that verify (ES256, workspace key); jobs persisted and
 * re-runnable; the samples in samples/workflows equal to the seed's JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planInvoice, type Box } from '../../engine/render/pdf/index.ts';
import { Store } from '../src/store/sqlite.ts';
import { fixMojibake } from '../src/workflows/seed.ts';
import { verifySeal } from '../src/workflows/seal.ts';
import { WorkflowEngine } from '../src/workflows/runner.ts';
import { REPO } from './helpers.ts';
import { sample, sampleWorkflow, seedWorkflows, wfHarness, type WfHarness } from './workflows.harness.ts';

const SEED = seedWorkflows();
const seed = (title: string) => {
  const w = SEED.get(title);
  if (!w) throw new Error(`seed workflow ${title} not found (have ${[...SEED.keys()].join(', ')})`);
  return w.json;
};
const measure = (t: string, size: number, bold: boolean) => [...t].length * size * (bold ? 0.56 : 0.5);

let h: WfHarness;
beforeAll(async () => {
  h = await wfHarness();
});
afterAll(async () => h?.close());

async function run(workflow: unknown, body: Record<string, unknown>) {
  const r = await h.api('/api/jobs', { body: { workflow, wait: true, ...body } });
  expect(r.status, r.text).toBe(201);
  return r.json.job;
}

const stepsOf = (job: any) => job.steps.filter((s: any) => s.phase === 'steps');
const statusLine = (job: any) => job.steps.map((s: any) => `${s.phase}:${s.provider}:${s.status}`);

describe('seed 004', () => {
  it('holds eight workflows, and the samples are the same JSON with the mojibake fixed', () => {
    expect([...SEED.keys()]).toEqual([
      'TicketBAI issue invoice',
      'TicketBAI cancel invoice',
      'TicketBAI register party',
      'TicketBAI unregister party',
      'SII issue invoice',
      'SII record received invoice',
      'SII register party',
      'SII unregister party',
    ]);
    const files: Record<string, string> = {
      'TicketBAI issue invoice': 'ticketbai-issue.json',
      'TicketBAI cancel invoice': 'ticketbai-cancel.json',
      'TicketBAI register party': 'ticketbai-register-party.json',
      'TicketBAI unregister party': 'ticketbai-unregister-party.json',
      'SII issue invoice': 'sii-issue.json',
      'SII record received invoice': 'sii-record-received.json',
      'SII register party': 'sii-register-party.json',
      'SII unregister party': 'sii-unregister-party.json',
    };
    for (const [title, w] of SEED) expect(sampleWorkflow(files[title]), title).toEqual(JSON.parse(fixMojibake(w.text)));
    const index = JSON.parse(readFileSync(join(REPO, 'samples/workflows/index.json'), 'utf8'));
    for (const f of Object.values(files)) expect(index.workflows.some((w: any) => w.file === f)).toBe(true);
  });
});

describe('the eight seed workflows, verbatim, against the sandbox', () => {
  let issued: any;

  it('TicketBAI issue invoice → code F000001, state sent, sealed, chained, PDF with the TBAI QR', async () => {
    const job = await run(seed('TicketBAI issue invoice'), { document: sample('tbai-b2b.json') });
    expect(job.status, JSON.stringify(job.steps.map((s: any) => s.error).filter(Boolean))).toBe('completed');
    expect(statusLine(job)).toEqual([
      'steps:sequence.enumerate:ok',
      'steps:silo.state:ok',
      'steps:silo.close:ok',
      'steps:gov-es.ticketbai.generate:ok',
      'steps:gov-es.ticketbai.send:ok',
      'steps:pdf:ok',
      'steps:silo.state:ok',
      'rescue:silo.state:skipped',
    ]);
    for (const s of stepsOf(job)) {
      expect(s.startedAt).toBeTruthy();
      expect(s.finishedAt).toBeTruthy();
      expect(typeof s.durationMs).toBe('number');
    }
    expect(job.entry).toMatchObject({ code: 'F000001', series: 'F1', state: 'sent', sealed: true });
    expect(job.entry.stamps['tbai-code']).toMatch(/^TBAI-A99805194-\d{6}-.{13}-\d{3}$/);
    expect(stepsOf(job)[4].output).toMatchObject({ status: 'accepted', authority: 'tbai-bizkaia', number: 'F000001' });

    // The authority has it, signed and registered.
    expect(h.sandboxState.tbaiInvoice('BI', 'A99805194', 'F1', 'F000001')).toMatchObject({ cancelled: false });

    // Outputs: the signed XML, the authority's answer, the PDF.
    const gen = stepsOf(job)[3];
    expect(gen.artifacts.map((a: any) => a.name)).toEqual(['ticketbai.xml']);
    const xml = await h.api(`/api/jobs/${job.id}/artifacts/steps/3/ticketbai.xml`);
    expect(xml.headers.get('content-type')).toContain('application/xml');
    expect(xml.text).toContain('<NumFactura>F000001</NumFactura>');
    expect(xml.text).toContain('ds:SignatureValue');
    const resp = await h.api(`/api/jobs/${job.id}/artifacts/steps/4/response.xml`);
    expect(resp.status).toBe(200);
    const pdf = await h.api(`/api/jobs/${job.id}/artifacts/steps/5/invoice.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(pdf.bytes.slice(0, 5)).toString()).toBe('%PDF-');
    expect(stepsOf(job)[5].output).toMatchObject({ locale: 'es', dateFormat: '%Y-%m-%d', logoHeight: 40, qr: job.entry.stamps['tbai-qr'] });

    // The PDF's QR is the TBAI QR of the stamp (the same view renderInvoicePdf draws).
    const silo = await h.api(`/api/silo/${job.entryId}`);
    const envelope = silo.json.entry.envelope;
    const plan = planInvoice(envelope, { locale: 'es', dateFormat: '%Y-%m-%d' }, measure);
    if (!plan.ok) throw new Error(JSON.stringify(plan.faults));
    const qrs = plan.value.pages.flatMap((p) => p.boxes.filter((b): b is Extract<Box, { kind: 'qr' }> => b.kind === 'qr'));
    expect(qrs.map((q) => q.content)).toEqual([job.entry.stamps['tbai-qr']]);

    // State history: empty → processing → sent, all by this job.
    expect(silo.json.history.map((x: any) => `${x.from}>${x.to}`)).toEqual(['empty>processing', 'processing>sent']);
    issued = job;
  });

  it('silo.close sealed the envelope: ES256 JWS over {uuid, dig, iat} that verifies with the workspace key', async () => {
    const envelope = (await h.api(`/api/silo/${issued.entryId}`)).json.entry.envelope;
    const key = (await h.api('/api/workflows/key')).json.key;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(key.d).toBeUndefined();
    const check = verifySeal(envelope, key);
    expect(check, JSON.stringify(check.errors)).toMatchObject({ valid: true, header: { alg: 'ES256', kid: key.kid } });
    expect(check.payload).toMatchObject({ uuid: envelope.head.uuid, dig: envelope.head.dig });
    expect((await h.api('/api/workflows/verify', { body: { envelope } })).json.valid).toBe(true);
    // Any change to the document breaks it.
    const tampered = structuredClone(envelope);
    tampered.doc.lines[0].quantity = '21';
    expect(verifySeal(tampered, key).errors).toContain('head.dig does not match the document');
    const forged = structuredClone(envelope);
    forged.head.dig.val = forged.head.dig.val.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    expect(verifySeal(forged, key).valid).toBe(false);
  });

  it('TicketBAI cancel invoice → state void, AnulaTicketBai accepted, the authority marks it cancelled', async () => {
    const job = await run(seed('TicketBAI cancel invoice'), { entryId: issued.entryId });
    expect(job.status, JSON.stringify(job.steps.map((s: any) => s.error).filter(Boolean))).toBe('completed');
    expect(statusLine(job)).toEqual(['steps:gov-es.ticketbai.cancel:ok', 'steps:silo.state:ok', 'rescue:silo.state:skipped']);
    expect(job.entry.state).toBe('void');
    expect(job.attempt).toBe(2);
    expect(stepsOf(job)[0].output).toMatchObject({ status: 'accepted', operation: 'cancel' });
    expect(h.sandboxState.tbaiInvoice('BI', 'A99805194', 'F1', 'F000001')?.cancelled).toBe(true);
    const xml = await h.api(`/api/jobs/${job.id}/artifacts/steps/0/ticketbai-cancel.xml`);
    expect(xml.text).toContain('urn:ticketbai:anulacion');
  });

  it('TicketBAI register party → registered after upload and approval', async () => {
    const job = await run(seed('TicketBAI register party'), { document: sample('party-supplier.json') });
    expect(job.status, JSON.stringify(job.steps.map((s: any) => s.error).filter(Boolean))).toBe('completed');
    expect(job.entry.state).toBe('registered');
    const steps = stepsOf(job);
    expect(steps.map((s: any) => s.output.status ?? s.output.state)).toEqual(['pending_upload', 'processing', 'pending_approval', 'registered', 'approved']);
    const reg = h.engine.registrations.find('ticketbai', 'sandbox', 'B85905495');
    expect(reg?.history.map((x) => x.status)).toEqual(['pending_upload', 'pending_approval', 'approved']);
    const silo = await h.api(`/api/silo/${job.entryId}`);
    expect(silo.json.history.map((x: any) => x.to)).toEqual(['processing', 'registered']);
  });

  it('TicketBAI unregister party → void, registration revoked', async () => {
    const job = await run(seed('TicketBAI unregister party'), { document: sample('party-supplier.json') });
    expect(job.status).toBe('completed');
    expect(job.entry.state).toBe('void');
    expect(h.engine.registrations.find('ticketbai', 'sandbox', 'B85905495')?.status).toBe('revoked');
  });

  it('SII issue invoice → code 000001, state sent, accepted by the AEAT sandbox, PDF', async () => {
    const job = await run(seed('SII issue invoice'), { document: sample('sii-b2b.json') });
    expect(job.status, JSON.stringify(job.steps.map((s: any) => s.error).filter(Boolean))).toBe('completed');
    expect(job.entry).toMatchObject({ code: '000001', state: 'sent', sealed: true });
    const rec = stepsOf(job)[3];
    expect(rec.output.status).toMatch(/^accepted/);
    expect(rec.artifacts.map((a: any) => a.name)).toEqual(['request.xml', 'response.xml']);
    expect(h.sandboxState.aeatCount('sii-fe', 'B85905495')).toBe(1);
    expect(stepsOf(job)[4].output).toMatchObject({ layout: 'A4', logoHeight: 60 });
  });

  it('SII record received invoice → the same sequence gives 000002, state sent, the received book', async () => {
    const job = await run(seed('SII record received invoice'), { document: sample('sii-b2b.json') });
    expect(job.status, JSON.stringify(job.steps.map((s: any) => s.error).filter(Boolean))).toBe('completed');
    expect(job.entry).toMatchObject({ code: '000002', state: 'sent' });
    const resp = await h.api(`/api/jobs/${job.id}/artifacts/steps/3/response.xml`);
    expect(resp.text).toContain('RespuestaLRFacturasRecibidas');
  });

  it('SII register party → registered after approval', async () => {
    const job = await run(seed('SII register party'), { document: sample('party-supplier.json') });
    expect(job.status).toBe('completed');
    expect(job.entry.state).toBe('registered');
    expect(h.engine.registrations.find('sii', 'sandbox', 'B85905495')?.status).toBe('approved');
    expect(statusLine(job).filter((s: string) => s.startsWith('rescue'))).toEqual(['rescue:silo.state:skipped', 'rescue:gov-es.sii.unregister:skipped']);
  });

  it('SII unregister party → void, registration revoked', async () => {
    const job = await run(seed('SII unregister party'), { document: sample('party-supplier.json') });
    expect(job.status).toBe('completed');
    expect(job.entry.state).toBe('void');
    expect(h.engine.registrations.find('sii', 'sandbox', 'B85905495')?.status).toBe('revoked');
  });

  it('the sequences kept every code they gave, one per entry', async () => {
    const seqs = (await h.api('/api/workflows/sequences')).json.sequences;
    expect(seqs.map((s: any) => [s.name, s.last, s.count])).toEqual([
      ['SII', 2, 2],
      ['TicketBAI Invoice', 1, 1],
    ]);
  });
});

describe('VERI*FACTU (our own samples, the same flow)', () => {
  it('issue → VF000001 sent with a huella; cancel → void', async () => {
    const issue = await run(sampleWorkflow('verifactu-issue.json'), { document: sample('verifactu-b2b.json') });
    expect(issue.status, JSON.stringify(issue.steps.map((s: any) => s.error).filter(Boolean))).toBe('completed');
    expect(issue.entry).toMatchObject({ code: 'VF000001', state: 'sent' });
    expect(issue.entry.stamps['verifactu-huella']).toMatch(/^[0-9A-F]{64}$/);
    const cancel = await run(sampleWorkflow('verifactu-cancel.json'), { entryId: issue.entryId });
    expect(cancel.status, JSON.stringify(cancel.steps.map((s: any) => s.error).filter(Boolean))).toBe('completed');
    expect(cancel.entry.state).toBe('void');
  });
});

describe('definitions are checked before anything runs', () => {
  const base = () => structuredClone(seed('TicketBAI issue invoice')) as any;
  const counts = () => [h.engine.store.jobs({ limit: 1000 }).length, h.engine.store.entries({ limit: 500 }).length, h.store.list({ limit: 500 }).length];

  it.each([
    ['an unknown provider', (w: any) => (w.steps[3].provider = 'gov-es.ticketbai.generat'), '$.steps[3].provider', 'WF-PROVIDER'],
    ['a bad state', (w: any) => (w.rescue[0].config.state = 'failed'), '$.rescue[0].config.state', 'WF-CONFIG'],
    ['a sequence without a name', (w: any) => delete w.steps[0].config.name, '$.steps[0].config.name', 'WF-CONFIG'],
    ['an unknown config key', (w: any) => (w.steps[5].config.paper = 'A4'), '$.steps[5].config', 'WF-CONFIG'],
    ['a bad date format', (w: any) => (w.steps[5].config.date_format = '%Q'), '$.steps[5].config.date_format', 'WF-CONFIG'],
    ['a bad layout', (w: any) => (w.steps[5].config.layout = 'A5'), '$.steps[5].config.layout', 'WF-CONFIG'],
    ['a negative padding', (w: any) => (w.steps[0].config.padding = -1), '$.steps[0].config.padding', 'WF-CONFIG'],
    ['a party provider on an invoice', (w: any) => (w.steps[4].provider = 'gov-es.ticketbai.wait.upload'), '$.steps[4].provider', 'WF-PROVIDER-SCHEMA'],
    ['a duplicate step id', (w: any) => (w.steps[1].id = w.steps[0].id), '$.steps[1].id', 'WF-STEP-ID'],
    ['no steps', (w: any) => (w.steps = []), '$.steps', 'WF-SHAPE'],
    ['an unknown schema', (w: any) => (w.schema = 'bill/payment'), '$.schema', 'WF-SCHEMA'],
  ])('%s', async (_, change, path, code) => {
    const before = counts();
    const w = base();
    change(w);
    const r = await h.api('/api/jobs', { body: { workflow: w, document: sample('tbai-b2b.json'), wait: true } });
    expect(r.status, r.text).toBe(400);
    expect(r.json.error.kind).toBe('validation');
    expect(r.json.error.details).toContainEqual(expect.objectContaining({ path, code }));
    expect(counts()).toEqual(before);
    const v = await h.api('/api/workflows/validate', { body: { workflow: w } });
    expect(v.json.ok).toBe(false);
  });

  it('a document of the wrong schema, or one that does not build, is refused too', async () => {
    const before = counts();
    const wrong = await h.api('/api/jobs', { body: { workflow: seed('TicketBAI issue invoice'), document: sample('party-supplier.json') } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.details[0].code).toBe('WF-SCHEMA');
    const broken = sample('tbai-b2b.json');
    broken.supplier.tax_id.code = 'A99805195';
    const bad = await h.api('/api/jobs', { body: { workflow: seed('TicketBAI issue invoice'), document: broken } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/does not build/);
    expect(counts()).toEqual(before);
  });

  it('every seed workflow validates, with the providers of the issue', async () => {
    for (const [title, w] of SEED) {
      const v = await h.api('/api/workflows/validate', { body: { workflow: w.json } });
      expect(v.json.ok, `${title}: ${JSON.stringify(v.json.problems)}`).toBe(true);
    }
    const providers = (await h.api('/api/workflows/providers')).json.providers.map((p: any) => p.name);
    for (const p of ['sequence.enumerate', 'silo.state', 'silo.close', 'pdf', 'gov-es.ticketbai.wait.approval', 'gov-es.sii.record.received', 'gov-es.verifactu.generate']) expect(providers).toContain(p);
  });
});

describe('jobs are persisted', () => {
  it('a new runner over the same database sees the history, and closes jobs a stopped process left running', async () => {
    const list = (await h.api('/api/jobs?limit=100')).json.jobs;
    expect(list.length).toBeGreaterThan(5);
    const file = h.store.db.name;
    const other = new Store(file);
    // A job "running" when the process died.
    const engine1 = new WorkflowEngine({ store: other, service: h.service, clock: () => new Date() });
    const stuck = engine1.store.createJob({ entryId: list[0].entryId, scope: 'workspace', env: 'sandbox', workflow: { name: 'x', schema: 'bill/invoice', steps: [{ id: 'a', name: 'A', provider: 'silo.state', config: { state: 'processing' } }], rescue: [] } });
    engine1.store.jobStarted(stuck.id);
    engine1.store.stepStarted(stuck.id, 'steps', 0);
    const engine2 = new WorkflowEngine({ store: other, service: h.service, clock: () => new Date() });
    const again = engine2.store.job(stuck.id)!;
    expect(again.status).toBe('failed');
    expect(again.error?.code).toBe('interrupted');
    expect(engine2.store.steps(stuck.id)[0].status).toBe('failed');
    // Same workspace key across restarts: old seals still verify.
    expect(engine2.key.publicJwk).toEqual(h.engine.key.publicJwk);
    expect(engine2.store.jobs({ limit: 100 }).length).toBe(list.length + 1);
    await engine1.close();
    await engine2.close();
    other.close();
  });
});
