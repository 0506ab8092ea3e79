/**
 * The page's side of the engine worker. Each kind of request has a "latest" slot: when a newer
 * request of the same kind is sent, an older pending one resolves to `undefined` (stale), so a
 * stale result can never be shown as current.
 */
import type { EngineRequest, EngineResponse, ResponseFor } from './protocol.ts';

type Kind = EngineRequest['kind'];
type Payload<K extends Kind> = Omit<Extract<EngineRequest, { kind: K }>, 'id' | 'kind'>;

export interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
  terminate(): void;
}

export interface EngineClient {
  /** Resolves with the response, or `undefined` when a newer request of the same kind superseded it. */
  request<K extends Kind>(kind: K, payload: Payload<K>): Promise<ResponseFor<K> | undefined>;
  dispose(): void;
}

export function createEngineClient(worker: WorkerLike): EngineClient {
  let nextId = 1;
  const latest = new Map<Kind, number>();
  const pending = new Map<number, { kind: Kind; resolve: (r: EngineResponse | undefined) => void }>();

  worker.onmessage = (e: MessageEvent<EngineResponse>) => {
    const res = e.data;
    const p = pending.get(res.id);
    if (!p) return;
    pending.delete(res.id);
    p.resolve(latest.get(p.kind) === res.id ? res : undefined);
  };

  return {
    request(kind, payload) {
      const id = nextId++;
      latest.set(kind, id);
      // Older requests of this kind will never be shown: settle them now as stale.
      for (const [pid, p] of pending) {
        if (p.kind === kind) {
          pending.delete(pid);
          p.resolve(undefined);
        }
      }
      return new Promise((resolve) => {
        pending.set(id, { kind, resolve: resolve as (r: EngineResponse | undefined) => void });
        worker.postMessage({ ...payload, kind, id });
      });
    },
    dispose() {
      for (const p of pending.values()) p.resolve(undefined);
      pending.clear();
      worker.terminate();
    },
  };
}
