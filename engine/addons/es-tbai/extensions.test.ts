/**
 * Our hand-written TicketBAI code lists must agree with GOBL's published addon definition on
 * everything that reaches documents: keys, codes (in order), patterns and English names.
 * Spanish names and descriptions are ours and are only checked for presence.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../test/support/gobl-regime.ts';
import { tbaiAddon } from './index.ts';

const gobl = JSON.parse(readFileSync(sharedPath('reference/gobl-data/data/addons/es-tbai-v1.json'), 'utf8'));

describe('tbaiAddon against GOBL es-tbai-v1.json', () => {
  it('has the same key, name and corrections', () => {
    expect(tbaiAddon.key).toBe(gobl.key);
    expect(tbaiAddon.name.en).toBe(gobl.name.en);
    expect(tbaiAddon.corrections).toEqual(gobl.corrections);
    expect(tbaiAddon.scenarios ?? null).toEqual(gobl.scenarios);
  });

  it('has the same extensions, codes and English names', () => {
    const ours = tbaiAddon.extensions.map((e) => ({ key: e.key, name: e.name.en, pattern: e.pattern, values: e.values?.map((v) => ({ code: v.code, name: v.name.en })) }));
    const theirs = gobl.extensions.map((e: any) => ({ key: e.key, name: e.name.en, pattern: e.pattern, values: e.values?.map((v: any) => ({ code: v.code, name: v.name.en })) }));
    expect(ours).toEqual(theirs);
  });

  it('describes every extension and code in English and Spanish', () => {
    for (const e of tbaiAddon.extensions) {
      expect(e.name.es, e.key).toBeTruthy();
      expect(e.desc?.en, e.key).toBeTruthy();
      expect(e.desc?.es, e.key).toBeTruthy();
      for (const v of e.values ?? []) expect(v.name.es, `${e.key} ${v.code}`).toBeTruthy();
    }
  });
});
