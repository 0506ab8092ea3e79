/** GOBL conformance: every in-scope example rebuilds to GOBL's golden output exactly. */
import { describe, expect, it } from 'vitest';
import { addons } from '../../engine/addons/index.ts';
import { caseName, conformanceCases, requireShared, runCase } from './harness.ts';

const implemented = new Set(addons.map((a) => a.key));

describe('GOBL conformance (../shared/conformance/gobl)', () => {
  it('has the conformance data', () => {
    expect(() => requireShared()).not.toThrow();
  });
  let cases: ReturnType<typeof conformanceCases> = [];
  try {
    cases = conformanceCases();
  } catch {
    // reported by the test above
  }
  for (const c of cases) {
    it(caseName(c), () => {
      const r = runCase(c, implemented);
      // Every in-scope input must build: an input needing an addon the engine lacks is a failure.
      expect(r.status, r.detail).not.toBe('pending');
      expect(r.detail, JSON.stringify(r.diffs.slice(0, 5), null, 1)).toBe('identical');
    });
  }
});
