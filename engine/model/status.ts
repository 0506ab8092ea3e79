/**
 * bill/status: a response, update or system event about other documents
 * (schemas/bill/status.json, status-line.json, reason.json, action.json, fault.json).
 */
import { z } from 'zod';
import { code, date, integer, key, list, obj, stringMap, text, uuid } from './primitives.ts';
import { note, party } from './org.ts';
import { documentRef } from './tax.ts';
import { ordering } from './bill.ts';

const o = <T extends z.ZodType>(t: T) => t.nullish();

export const statusFault = obj({
  code: o(code),
  message: o(text),
  paths: list(z.string()),
});

export const statusReason = obj({
  key: o(key),
  description: o(text),
  faults: list(statusFault),
  ext: o(stringMap),
});

export const statusAction = obj({
  key: o(key),
  description: o(text),
  ext: o(stringMap),
});

export const statusLine = obj({
  index: o(integer),
  key: o(key),
  date: o(date),
  doc: o(documentRef),
  description: o(text),
  reasons: list(statusReason),
  actions: list(statusAction),
  ext: o(stringMap),
  complements: list(z.record(z.string(), z.unknown())),
  meta: o(stringMap),
});

export const status = obj({
  $schema: o(text),
  $regime: o(code),
  $addons: list(key),
  uuid: o(uuid),
  type: o(key),
  issue_date: o(date),
  issue_time: o(text),
  series: o(code),
  code: o(code),
  ext: o(stringMap),
  supplier: o(party),
  customer: o(party),
  ordering: o(ordering),
  lines: z.array(statusLine.nullable()).nullish().transform((v) => v ?? undefined),
  notes: list(note),
  meta: o(stringMap),
});

export type Status = z.infer<typeof status>;
export type StatusLine = z.infer<typeof statusLine>;
