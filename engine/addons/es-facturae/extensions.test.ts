/**
 * Our hand-written FacturaE code lists must agree with GOBL's published addon definition on
 * everything that reaches documents: keys, codes (in order), patterns and English names.
 * Spanish names and descriptions are ours and are only checked for presence.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../test/support/gobl-regime.ts';
import { facturaeAddon } from './index.ts';

const gobl = JSON.parse(readFileSync(sharedPath('reference/gobl-data/data/addons/es-facturae-v3.json'), 'utf8'));

describe('facturaeAddon against GOBL es-facturae-v3.json', () => {
  it('has the same key, name and corrections', () => {
    expect(facturaeAddon.key).toBe(gobl.key);
    expect(facturaeAddon.name.en).toBe(gobl.name.en);
    expect(facturaeAddon.corrections).toEqual(gobl.corrections);
  });

  it('has the same scenarios (GOBL names the type filter `type`)', () => {
    const ours = (facturaeAddon.scenarios ?? []).map((set) => ({
      schema: set.schema,
      list: set.list.map((s) => JSON.parse(JSON.stringify({ type: s.types, tags: s.tags, ext: s.ext }))),
    }));
    expect(ours).toEqual(gobl.scenarios);
  });

  it('has the same extensions, codes and English names', () => {
    const ours = facturaeAddon.extensions.map((e) => ({ key: e.key, name: e.name.en, pattern: e.pattern, values: e.values?.map((v) => ({ code: v.code, name: v.name.en })) }));
    const theirs = gobl.extensions.map((e: any) => ({ key: e.key, name: e.name.en, pattern: e.pattern, values: e.values?.map((v: any) => ({ code: v.code, name: v.name.en })) }));
    expect(ours).toEqual(theirs);
  });

  it('describes every extension and code in English and Spanish', () => {
    for (const e of facturaeAddon.extensions) {
      expect(e.name.es, e.key).toBeTruthy();
      expect(e.desc?.en, e.key).toBeTruthy();
      expect(e.desc?.es, e.key).toBeTruthy();
      for (const v of e.values ?? []) expect(v.name.es, `${e.key} ${v.code}`).toBeTruthy();
    }
  });
});
