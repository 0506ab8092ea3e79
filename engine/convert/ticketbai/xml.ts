/**
 * The document is assembled as a plain tree (element name → text, child object or list of
 * child objects, in XSD order) and serialised by xmlbuilder2; `undefined` and empty lists mean
 * "element omitted". Attributes use xmlbuilder2's `@name` keys.
 */
import { create } from 'xmlbuilder2';
import type { ConvertResult } from '../types.ts';
import { FAULT } from './common.ts';
import { convertFault } from '../types.ts';

export type XValue = string | XObject | readonly XObject[] | undefined;
export interface XObject {
  readonly [name: string]: XValue;
}

function prune(o: XObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) {
      if (v.length > 0) out[k] = v.map((x: XObject) => prune(x));
    } else out[k] = prune(v as XObject);
  }
  return out;
}

/**
 * Serialises the tree: compact by default (the form that gets signed and sent), or indented with
 * two spaces. Always with the `<?xml version="1.0" encoding="UTF-8"?>` declaration.
 */
export function renderXml(root: XObject, pretty: boolean): ConvertResult<string> {
  try {
    const doc = create({ version: '1.0', encoding: 'UTF-8' }, prune(root));
    return { ok: true, value: doc.end(pretty ? { prettyPrint: true, indent: '  ' } : {}) };
  } catch (e) {
    return { ok: false, faults: [convertFault(FAULT.serialize, '$', `could not write the XML: ${e instanceof Error ? e.message : String(e)}`)] };
  }
}
