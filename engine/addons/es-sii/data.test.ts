/**
 * Our SII data must agree with GOBL's published addon definition (data/addons/es-sii-v1.json)
 * on everything documents and UIs show: extension keys, codes and their names, the tag,
 * scenarios and the correction definition. Descriptions are ours and are not compared.
 */
import { describe, expect, it } from 'vitest';
import { readGoblAddonJson } from '../../../test/support/gobl-addons.ts';
import type { AddonDef } from '../../tax/addon-def.ts';
import { siiAddon } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
function compareWithGobl(addon: AddonDef): void {
  const gobl = readGoblAddonJson(addon.key);

  it('has the same key and English name', () => {
    expect(addon.key).toBe(gobl.key);
    expect(addon.name.en).toBe(gobl.name.en);
  });

  it('has the same extensions, codes and names', () => {
    const ours = addon.extensions.map((e) => ({ key: e.key, name: e.name, values: e.values?.map((v) => ({ code: v.code, name: v.name })) }));
    const theirs = gobl.extensions.map((e: any) => ({ key: e.key, name: e.name, values: e.values?.map((v: any) => ({ code: v.code, name: v.name })) }));
    expect(ours).toEqual(theirs);
  });

  it('cites sources where GOBL does', () => {
    for (const e of gobl.extensions) {
      const ours = addon.extensions.find((x) => x.key === e.key);
      expect(ours?.sources?.map((s) => s.url), e.key).toEqual(e.sources?.map((s: any) => s.url));
    }
  });

  it('has the same tags, scenarios and corrections', () => {
    expect(addon.tags).toEqual(gobl.tags[0].list.map((t: any) => ({ key: t.key, name: t.name })));
    const scenarios = gobl.scenarios.map((set: any) => ({
      schema: set.schema,
      list: set.list.map((s: any) => ({ name: s.name, types: s.type, ...(s.tags ? { tags: s.tags } : {}), ext: s.ext })),
    }));
    expect(addon.scenarios).toEqual(scenarios);
    expect(addon.corrections).toEqual(gobl.corrections.map((c: any) => ({ schema: c.schema, extensions: c.extensions, copyTax: c.copy_tax })));
  });
}

describe('siiAddon against GOBL es-sii-v1.json', () => compareWithGobl(siiAddon));
