/**
 * The engine's public surface: a few verbs and their types. Everything is pure and synchronous;
 * the caller brings the clock and the UUID source.
 */
import { build, type BuildOptions, type BuildResult } from './build.ts';
import type { BuildError } from './core/fault.ts';
import { parseJsonText } from './core/json-text.ts';
import { defaultRegistry } from './registry.ts';
import { addons } from './addons/index.ts';
import { esRegime } from './regimes/es/index.ts';
import { euRegimes } from './regimes/eu/index.ts';
import type { ExtensionDef } from './tax/regime-def.ts';

export { build, type BuildOptions, type BuildResult } from './build.ts';
export { replicate, type ReplicateResult } from './replicate.ts';
export { correct, correctionDefinition, correctionOptionsSchema, correctionOptionsSchemaFor, CORRECTION_TYPES, type CorrectionOptions, type CorrectionDefinition, type CorrectOptions, type CorrectResult } from './correct.ts';
export type { Fault, BuildError } from './core/fault.ts';
export { defaultRegistry } from './registry.ts';
export { uuidSourceFrom, uuidV7 } from './core/uuid.ts';
export { parseJsonText } from './core/json-text.ts';

export type EngineOptions = Omit<BuildOptions, 'registry'> & { readonly registry?: BuildOptions['registry'] };

/** Builds from JSON text: syntax errors come back as an `input` fault with line and column. */
export function buildText(text: string, opts: EngineOptions): BuildResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const e = parsed.error;
    const error: BuildError = {
      key: 'input',
      message: e.message,
      faults: [{ code: 'GOBL-INPUT-JSON', paths: ['$'], message: e.message }],
    };
    return { ok: false, error };
  }
  return build(parsed.value, { ...opts, registry: opts.registry ?? defaultRegistry });
}

/** Every extension code list the engine knows (addons), for autocompletion and explanations. */
export function extensionCatalogue(): readonly (ExtensionDef & { addon: string })[] {
  return addons.flatMap((a) => a.extensions.map((e) => ({ ...e, addon: a.key })));
}

export const regimes = [esRegime, ...euRegimes] as const;
export { addons };
