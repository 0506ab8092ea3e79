/**
 * Faults are how the engine reports problems with a document: GOBL's fault code, the JSON paths
 * of the offending fields (`$.lines[0].item.name`) and a message. They are plain objects so they
 * survive `postMessage` and JSON.
 */
export interface Fault {
  readonly code: string;
  readonly paths: readonly string[];
  readonly message: string;
}

/** GOBL's error keys: what stage of the build failed. */
export type ErrorKey = 'validation' | 'calculation' | 'input' | 'internal';

export interface BuildError {
  readonly key: ErrorKey;
  readonly message: string;
  readonly faults: readonly Fault[];
}

export function fault(code: string, path: string, message: string): Fault {
  return { code, paths: [path], message };
}

/** GOBL merges faults that share code and message into one fault listing every path. */
export function mergeFaults(faults: readonly Fault[]): Fault[] {
  const byKey = new Map<string, { code: string; paths: string[]; message: string }>();
  for (const f of faults) {
    const key = `${f.code}\u0000${f.message}`;
    const found = byKey.get(key);
    if (found) {
      for (const p of f.paths) if (!found.paths.includes(p)) found.paths.push(p);
    } else {
      byKey.set(key, { code: f.code, paths: [...f.paths], message: f.message });
    }
  }
  return [...byKey.values()];
}

/** One-line summary of faults, as GOBL prints them in an error message. */
export function describeFaults(faults: readonly Fault[]): string {
  return faults.map((f) => `${f.paths.join(', ')}: ${f.message} (${f.code})`).join('; ');
}
