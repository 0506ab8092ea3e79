/**
 * Loads the bundled Monaco lazily (its own chunk), through @monaco-editor/loader so the rest of
 * the app only ever talks to one instance. Nothing is fetched from a CDN.
 */
import loader from '@monaco-editor/loader';

export type Monaco = typeof import('monaco-editor/editor');

let loading: Promise<Monaco> | undefined;

export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./monaco.ts').then(({ monaco }) => {
    loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });
    return loader.init() as unknown as Promise<Monaco>;
  });
  return loading;
}

/** The JSON language service (schemas, diagnostics), once Monaco is loaded. */
export async function jsonDefaults() {
  const { jsonLanguage } = await import('./monaco.ts');
  return jsonLanguage.jsonDefaults;
}
