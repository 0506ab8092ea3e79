/// <reference lib="webworker" />
/**
 * The only place the engine runs in the browser. Requests are handled one at a time; each
 * response echoes its request's id so the page can drop stale ones.
 */
import { build, defaultRegistry, parseJsonText, uuidSourceFrom } from '../../../engine/index.ts';
import type { BuildRequest, BuildResponse, EngineRequest, EngineResponse, OtherBuildRequest, OtherBuildResponse } from './protocol.ts';
import { handleConvert, handleCorrect, handleImport, handlePdf, handleRounding } from './handlers.ts';

const uuid = uuidSourceFrom(
  () => Date.now(),
  (n) => crypto.getRandomValues(new Uint8Array(n)),
);

type AnyBuild = BuildResponse | OtherBuildResponse;

/** The editor's document (`build`) or another one to compare with (`build-other`): the same work. */
function handleBuild(req: BuildRequest | OtherBuildRequest): AnyBuild {
  const start = performance.now();
  const kind = req.kind;
  const parsed = parseJsonText(req.text);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    return { kind, id: req.id, ms: performance.now() - start, syntax: { message, line, column } } as AnyBuild;
  }
  const now = req.now ?? Date.now();
  const r = build(parsed.value, { now: () => now, uuid, registry: defaultRegistry, defaultType: 'bill/invoice' });
  const ms = performance.now() - start;
  return (r.ok ? { kind, id: req.id, ms, envelope: r.value } : { kind, id: req.id, ms, error: r.error }) as AnyBuild;
}

async function handle(req: EngineRequest): Promise<EngineResponse> {
  switch (req.kind) {
    case 'build':
    case 'build-other':
      return handleBuild(req);
    case 'convert':
      return handleConvert(req);
    case 'pdf':
      return handlePdf(req);
    case 'import':
      return handleImport(req);
    case 'correct':
      return handleCorrect(req, { now: () => Date.now(), uuid });
    case 'rounding':
      return handleRounding(req, uuid);
  }
}

self.onmessage = async (e: MessageEvent<EngineRequest>) => {
  const res = await handle(e.data);
  if (res.kind === 'pdf' && res.pdf) (self as DedicatedWorkerGlobalScope).postMessage(res, [res.pdf.buffer]);
  else (self as DedicatedWorkerGlobalScope).postMessage(res);
};
