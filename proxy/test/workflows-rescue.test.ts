/**
 * Failing steps: the rescue steps run (state error / rejected), the job's history is kept step by
 * step, and a re-run picks up where the entry is (same number, same signed document) once the
 * cause is gone. Party registrations driven by hand, as a trainer would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, seedWorkflows, wfHarness, type WfHarness } from './workflows.harness.ts';

const SEED = seedWorkflows();
const seed = (t: string) => SEED.get(t)!.json;
const statusLine = (job: any) => job.steps.map((s: any) => `${s.phase}:${s.provider}:${s.status}`);

let h: WfHarness;
beforeAll(async () => {
  // Wait steps poll every 2 ms for at most 250 polls: long enough for a hand-driven registration.
  h = await wfHarness({ sendTimeoutMs: 3000, pollMs: 2, maxPolls: 250 });
});
afterAll(async () => h?.close());

describe('a forced failure runs the rescue steps and keeps the history', () => {
  it('TicketBAI issue with the authority down: send fails, rescue sets error; a re-run sends the same signed invoice', async () => {
    h.faults.always = [{ kind: 'status', status: 503 }];
    const r = await h.api('/api/jobs', { body: { workflow: seed('TicketBAI issue invoice'), document: sample('tbai-b2b.json'), wait: true } });
    expect(r.status).toBe(201);
    const failed = r.json.job;
    expect(failed.status).toBe('failed');
    expect(statusLine(failed)).toEqual([
      'steps:sequence.enumerate:ok',
      'steps:silo.state:ok',
      'steps:silo.close:ok',
      'steps:gov-es.ticketbai.generate:ok',
      'steps:gov-es.ticketbai.send:failed',
      'steps:pdf:skipped',
      'steps:silo.state:skipped',
      'rescue:silo.state:ok',
    ]);
    const send = failed.steps[4];
    expect(send.error).toMatchObject({ code: 'timeout', step: '0448df60-a758-11ef-8377-c15ac3014ffb', provider: 'gov-es.ticketbai.send' });
    expect(send.error.message).toMatch(/did not answer/);
    expect(failed.error).toMatchObject({ code: 'timeout', provider: 'gov-es.ticketbai.send' });
    expect(failed.entry).toMatchObject({ state: 'error', code: 'F000001' });
    const submissionId = failed.steps[3].output.submissionId;

    // The authority is back: re-run. Same number, same submission (no second chain link), sent.
    h.faults.clear();
    const rr = await h.api(`/api/jobs/${failed.id}/rerun`, { body: { wait: true } });
    expect(rr.status, rr.text).toBe(201);
    const ok = rr.json.job;
    expect(ok).toMatchObject({ status: 'completed', rerunOf: failed.id, attempt: 2, entryId: failed.entryId });
    expect(ok.entry).toMatchObject({ state: 'sent', code: 'F000001' });
    expect(ok.steps[0].output).toMatchObject({ code: 'F000001', reused: true });
    expect(ok.steps[3].output.submissionId).toBe(submissionId);
    expect(ok.steps[4].output.status).toBe('accepted');
    expect(h.store.tbaiHead('BI', 'A99805194')?.seq).toBe(1);

    // History: both jobs, the first still failed with its error; the entry's states in order.
    const silo = (await h.api(`/api/silo/${failed.entryId}`)).json;
    expect(silo.jobs.map((j: any) => [j.attempt, j.status])).toEqual([
      [2, 'completed'],
      [1, 'failed'],
    ]);
    expect(silo.history.map((x: any) => x.to)).toEqual(['processing', 'error', 'processing', 'sent']);
    const old = (await h.api(`/api/jobs/${failed.id}`)).json.job;
    expect(old.steps[4]).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
  });

  it('an authority rejection (duplicate number) fails the send with its codes; rescue sets error', async () => {
    const doc = sample('tbai-b2b.json');
    doc.code = 'DUP-1';
    const first = (await h.api('/api/jobs', { body: { workflow: seed('TicketBAI issue invoice'), document: doc, wait: true } })).json.job;
    expect(first.status).toBe('completed');
    expect(first.steps[0].output).toMatchObject({ kept: true, code: 'DUP-1' });
    const second = (await h.api('/api/jobs', { body: { workflow: seed('TicketBAI issue invoice'), document: doc, wait: true } })).json.job;
    expect(second.status).toBe('failed');
    expect(second.steps[4].error.code).toBe('rejected');
    expect(second.steps[4].error.details.map((d: any) => d.code)).toContain('B4_2000003');
    expect(second.entry.state).toBe('error');
    const resp = await h.api(`/api/jobs/${second.id}/artifacts/steps/4/response.xml`);
    expect(resp.text).toContain('B4_2000003');
  });

  it('SII register party whose approval is refused: rescue sets rejected and unregisters', async () => {
    const party = sample('party-supplier.json');
    party.tax_id.code = 'B00000034';
    h.engine.registrations.plans.set('B00000034', { outcome: 'reject', reason: 'the representation agreement is not signed' });
    const job = (await h.api('/api/jobs', { body: { workflow: seed('SII register party'), document: party, wait: true } })).json.job;
    h.engine.registrations.plans.clear();
    expect(job.status).toBe('failed');
    expect(statusLine(job)).toEqual([
      'steps:gov-es.sii.register:ok',
      'steps:silo.state:ok',
      'steps:gov-es.sii.wait.upload:ok',
      'steps:silo.state:ok',
      'steps:gov-es.sii.wait.approval:failed',
      'rescue:silo.state:ok',
      'rescue:gov-es.sii.unregister:ok',
    ]);
    expect(job.steps[4].error.message).toMatch(/rejected: the representation agreement is not signed/);
    expect(job.entry.state).toBe('rejected');
    const reg = h.engine.registrations.find('sii', 'sandbox', 'B00000034')!;
    expect(reg.history.map((x) => x.status)).toEqual(['pending_upload', 'pending_approval', 'rejected', 'revoked']);
    expect(job.steps[6].output.status).toBe('revoked');
  });

  it('a failure in a rescue step is recorded too, and the other rescue steps still run', async () => {
    const wf = structuredClone(seed('TicketBAI issue invoice')) as any;
    wf.steps[3].provider = 'gov-es.ticketbai.send'; // send before generate: fails (nothing generated)
    wf.rescue.unshift({ id: 'r0', name: 'Cancel', provider: 'gov-es.ticketbai.cancel' }); // nothing to cancel: fails
    const job = (await h.api('/api/jobs', { body: { workflow: wf, document: sample('tbai-b2b.json'), wait: true } })).json.job;
    expect(job.status).toBe('failed');
    expect(job.steps[3].error.code).toBe('order');
    expect(statusLine(job).slice(-2)).toEqual(['rescue:gov-es.ticketbai.cancel:failed', 'rescue:silo.state:ok']);
    expect(job.entry.state).toBe('error');
  });
});

describe('party registration by hand (sandbox controls)', () => {
  it('the wait steps wait until the agreement is uploaded and approved through the API', async () => {
    h.engine.registrations.policy = { autoAdvance: false, afterPolls: 1 };
    try {
      // Runs in the background; the wait step polls until maxPolls.
      const party = sample('party-supplier.json');
      party.tax_id.code = 'A99805194';
      const started = await h.api('/api/jobs', { body: { workflow: seed('TicketBAI register party'), document: party } });
      expect(started.status).toBe(202);
      const id = started.json.job.id;
      let reg;
      for (let i = 0; i < 100 && !(reg = h.engine.registrations.find('ticketbai', 'sandbox', 'A99805194')); i++) await new Promise((r) => setTimeout(r, 1));
      expect(reg?.status).toBe('pending_upload');
      expect((await h.api(`/api/workflows/registrations/${reg!.id}/approve`, { method: 'POST' })).status).toBe(409);
      const done = await h.engine.wait(id);
      // Nobody uploaded within maxPolls: the wait step gave up, the rescue ran.
      expect(done?.status).toBe('failed');
      const steps = h.engine.store.steps(id);
      expect(steps[2]).toMatchObject({ provider: 'gov-es.ticketbai.wait.upload', status: 'failed', error: { code: 'timeout' } });

      // Now by hand: upload, approve, and the re-run completes.
      expect((await h.api(`/api/workflows/registrations/${reg!.id}/upload`, { method: 'POST' })).json.registration.status).toBe('pending_approval');
      expect((await h.api(`/api/workflows/registrations/${reg!.id}/approve`, { method: 'POST' })).json.registration.status).toBe('approved');
      const rr = await h.api(`/api/jobs/${id}/rerun`, { body: { wait: true } });
      expect(rr.json.job.status).toBe('completed');
      expect(rr.json.job.entry.state).toBe('registered');
      expect(rr.json.job.steps[0].output).toMatchObject({ created: false, status: 'approved' });
      const list = (await h.api('/api/workflows/registrations')).json.registrations;
      expect(list.find((r: any) => r.id === reg!.id).status).toBe('approved');
    } finally {
      h.engine.registrations.policy = { autoAdvance: true, afterPolls: 1 };
    }
  });

  it('a re-run of a job still running is refused', async () => {
    h.engine.registrations.policy = { autoAdvance: false, afterPolls: 1 };
    const party = sample('party-supplier.json');
    party.tax_id.code = 'B98602642';
    const started = (await h.api('/api/jobs', { body: { workflow: seed('SII register party'), document: party } })).json.job;
    const again = await h.api(`/api/jobs/${started.id}/rerun`, { body: {} });
    expect(again.status).toBe(409);
    // A trainer rejects it by hand: the wait step fails and the rescue marks the party rejected.
    let reg;
    for (let i = 0; i < 200 && !(reg = h.engine.registrations.find('sii', 'sandbox', 'B98602642')); i++) await new Promise((r) => setTimeout(r, 1));
    if (!reg) throw new Error('the register step did not run');
    const rej = await h.api(`/api/workflows/registrations/${reg.id}/reject`, { body: { reason: 'missing power of attorney' } });
    expect(rej.json.registration).toMatchObject({ status: 'rejected', reason: 'missing power of attorney' });
    const done = (await h.engine.wait(started.id))!;
    expect(done.status).toBe('failed');
    expect(h.engine.store.entry(done.entryId)!.state).toBe('rejected');
    expect(h.engine.store.steps(done.id)[2].error?.message).toMatch(/missing power of attorney/);
    h.engine.registrations.policy = { autoAdvance: true, afterPolls: 1 };
  });
});
