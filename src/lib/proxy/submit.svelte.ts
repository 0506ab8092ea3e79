/**
 * The Submit panel's state, kept outside the component so a result, the history and the choices
 * survive switching tabs. It talks to the proxy only after `connect()` found one behind this page
 * (the panel calls it when first shown): a studio without a proxy makes no API request at all.
 */
import { ProxyClient, type ApiResult, type Connection } from './client.ts';
import { cancelBody, submitBody, type SubmitChoice, type Target } from './submit.ts';
import type { ApiError, CertificateInfo, Chains, Environment, LookupAnswer, Submission, SubmissionList, SubmitAnswer, SubmissionSummary, Zone } from './types.ts';

export const HISTORY_LIMIT = 50;

export class SubmitState {
  connection = $state.raw<Connection>({ state: 'unknown' });

  /** Chosen by the person; undefined follows the document (its addon, its es-tbai-region). */
  chosenTarget = $state<Target | undefined>(undefined);
  chosenZone = $state<Zone | undefined>(undefined);
  env = $state<Environment>('sandbox');
  /** Production needs this ticked for every submission. */
  productionConfirmed = $state(false);
  device = $state('');
  thirdParty = $state(false);
  activity = $state('');
  sign = $state(false);

  busy = $state<'submit' | 'cancel' | undefined>(undefined);
  /** Why the last submit/cancel did not produce a submission. */
  error = $state.raw<ApiError | undefined>(undefined);
  /** The submission shown in detail (the newest result, or one picked in the history). */
  shown = $state.raw<Submission | undefined>(undefined);
  /** Whether `shown` is the answer to a submit/cancel made here (not picked in the history). */
  shownIsResult = $state(false);
  shownReplayed = $state(false);
  loadingDetail = $state(false);

  history = $state.raw<SubmissionList | undefined>(undefined);
  chains = $state.raw<Chains | undefined>(undefined);
  certificate = $state.raw<CertificateInfo | undefined>(undefined);
  /** A call for history/chains/certificate failed. */
  loadError = $state.raw<ApiError | undefined>(undefined);

  lookupBusy = $state(false);
  lookupAnswer = $state.raw<LookupAnswer | undefined>(undefined);
  lookupError = $state.raw<ApiError | undefined>(undefined);

  readonly #client: ProxyClient;
  /** The envelope each submission of this session was made from (cancel and the stamped copy need it). */
  readonly #envelopes = new Map<string, unknown>();

  constructor(client = new ProxyClient()) {
    this.#client = client;
  }

  get ready(): boolean {
    return this.connection.state === 'ready';
  }

  /** Probes once (again after a failure when `force`), then loads what the panel lists. */
  async connect(force = false): Promise<void> {
    const s = this.connection.state;
    if (s === 'checking' || (!force && s !== 'unknown')) return;
    this.connection = { state: 'checking' };
    this.connection = await this.#client.probe();
    if (this.ready) await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.ready) return;
    const [history, chains, certificate] = await Promise.all([
      this.#client.get<SubmissionList>(`/api/submissions?limit=${HISTORY_LIMIT}`),
      this.#client.get<Chains>('/api/chains'),
      this.#client.get<{ certificate: CertificateInfo }>('/api/certificate'),
    ]);
    this.loadError = undefined;
    if (history.ok) this.history = history.data;
    if (chains.ok) this.chains = chains.data;
    if (certificate.ok) this.certificate = certificate.data.certificate;
    for (const r of [history, chains, certificate]) if (!r.ok) this.#failed(r);
  }

  #failed(r: ApiResult<unknown>): void {
    if (r.ok) return;
    this.loadError = r.error;
    if (r.error.kind === 'unauthorized') this.connection = { state: 'unauthorized' };
    if (r.error.kind === 'network') this.connection = { state: 'absent', reason: 'the proxy stopped answering' };
  }

  envelopeOf(id: string): unknown {
    return this.#envelopes.get(id);
  }

  async submit(choice: SubmitChoice, envelope: unknown): Promise<void> {
    if (choice.env === 'production' && !this.productionConfirmed) return;
    await this.#send('submit', '/api/submissions', submitBody(choice, envelope), envelope);
    this.productionConfirmed = false;
  }

  async cancel(s: SubmissionSummary, envelope: unknown): Promise<void> {
    await this.#send('cancel', '/api/cancellations', cancelBody(s, envelope), envelope);
  }

  async #send(kind: 'submit' | 'cancel', path: string, body: unknown, envelope: unknown): Promise<void> {
    if (this.busy || !this.ready) return;
    this.busy = kind;
    this.error = undefined;
    // One key per click: if the answer is lost and the person clicks again, it is a new attempt,
    // but a transport-level retry of this request can never register the invoice twice.
    const r = await this.#client.post<SubmitAnswer>(path, body, { 'idempotency-key': `studio-${crypto.randomUUID()}` });
    this.busy = undefined;
    if (!r.ok) {
      this.error = r.error;
      if (r.error.kind === 'unauthorized') this.connection = { state: 'unauthorized' };
    } else {
      this.#envelopes.set(r.data.submission.id, envelope);
      this.shown = r.data.submission;
      this.shownIsResult = true;
      this.shownReplayed = r.data.replayed;
    }
    await this.refresh();
  }

  /** Shows one submission of the history in detail (with its XML). */
  async show(id: string): Promise<void> {
    if (!this.ready) return;
    this.loadingDetail = true;
    const r = await this.#client.get<{ submission: Submission }>(`/api/submissions/${encodeURIComponent(id)}`);
    this.loadingDetail = false;
    if (r.ok) {
      const wasResult = this.shown?.id === id && this.shownIsResult;
      this.shown = r.data.submission;
      this.shownIsResult = wasResult;
      if (!wasResult) this.shownReplayed = false;
    } else this.#failed(r);
  }

  /** A pending submission (the authority did not answer): the proxy's outbox retries; ask again. */
  async poll(): Promise<void> {
    const s = this.shown;
    if (!s || s.status !== 'pending') return;
    await this.show(s.id);
    if (this.shown?.status !== 'pending') await this.refresh();
  }

  async lookup(nif: string, name: string, env: Environment): Promise<void> {
    if (!this.ready || this.lookupBusy) return;
    this.lookupBusy = true;
    this.lookupError = undefined;
    const r = await this.#client.post<LookupAnswer>('/api/tax-ids/lookup', { env, items: [{ nif: nif.trim(), name: name.trim() }] });
    this.lookupBusy = false;
    if (r.ok) this.lookupAnswer = r.data;
    else {
      this.lookupAnswer = undefined;
      this.lookupError = r.error;
    }
  }
}
