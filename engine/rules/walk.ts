/**
 * The document graph as data: for each object kind, which fields hold which kinds of child.
 * Validation walks it to bind rule sets to every object, wherever it sits in the document.
 */
import type { ObjectKind } from './define.ts';

type Child = readonly [field: string, kind: ObjectKind, many?: true];

const partyChildren: readonly Child[] = [
  ['tax_id', 'tax/identity'],
  ['identities', 'org/identity', true],
  ['people', 'org/person', true],
  ['inboxes', 'org/inbox', true],
  ['addresses', 'org/address', true],
  ['emails', 'org/email', true],
  ['websites', 'org/website', true],
  ['telephones', 'org/telephone', true],
  ['registration', 'org/registration'],
  ['logos', 'org/image', true],
];

const refs = (field: string): Child => [field, 'org/document-ref', true];

const billDocChildren: readonly Child[] = [
  ['exchange_rates', 'currency/exchange-rate', true],
  refs('preceding'),
  ['tax', 'bill/tax'],
  ['supplier', 'org/party'],
  ['customer', 'org/party'],
  ['lines', 'bill/line', true],
  ['discounts', 'bill/discount', true],
  ['charges', 'bill/charge', true],
  ['ordering', 'bill/ordering'],
  ['payment', 'bill/payment-details'],
  ['delivery', 'bill/delivery-details'],
  ['totals', 'bill/totals'],
  ['notes', 'org/note', true],
  ['attachments', 'org/attachment', true],
];

export const CHILDREN: Readonly<Partial<Record<ObjectKind, readonly Child[]>>> = {
  envelope: [['head', 'head/header']],
  'head/header': [
    ['stamps', 'head/stamp', true],
    ['links', 'head/link', true],
  ],
  'bill/invoice': billDocChildren,
  'bill/order': [...billDocChildren, refs('contracts'), ['identities', 'org/identity', true], ['period', 'cal/period'], ['buyer', 'org/party'], ['seller', 'org/party']],
  'bill/delivery': [...billDocChildren, ['despatcher', 'org/party'], ['receiver', 'org/party'], ['courier', 'org/party']],
  'bill/payment': [
    ['exchange_rates', 'currency/exchange-rate', true],
    refs('preceding'),
    ['supplier', 'org/party'],
    ['customer', 'org/party'],
    ['payee', 'org/party'],
    ['ordering', 'bill/ordering'],
    ['lines', 'bill/payment-line', true],
    ['methods', 'pay/record', true],
    ['notes', 'org/note', true],
  ],
  'bill/payment-line': [
    ['document', 'org/document-ref'],
    ['tax', 'tax/total'],
    ['notes', 'org/note', true],
  ],
  'bill/status': [
    ['supplier', 'org/party'],
    ['customer', 'org/party'],
    ['ordering', 'bill/ordering'],
    ['lines', 'bill/status-line', true],
    ['notes', 'org/note', true],
  ],
  'bill/status-line': [['doc', 'org/document-ref']],
  'bill/line': [
    ['identifier', 'org/identity'],
    ['period', 'cal/period'],
    ['item', 'org/item'],
    ['breakdown', 'bill/sub-line', true],
    ['discounts', 'bill/line-discount', true],
    ['charges', 'bill/line-charge', true],
    ['taxes', 'tax/combo', true],
    ['substituted', 'bill/sub-line', true],
    ['seller', 'org/party'],
    ['notes', 'org/note', true],
  ],
  'bill/sub-line': [
    ['identifier', 'org/identity'],
    ['period', 'cal/period'],
    ['item', 'org/item'],
    ['discounts', 'bill/line-discount', true],
    ['charges', 'bill/line-charge', true],
    ['notes', 'org/note', true],
  ],
  'bill/discount': [['taxes', 'tax/combo', true]],
  'bill/charge': [['taxes', 'tax/combo', true]],
  'bill/tax': [['notes', 'tax/note', true]],
  'bill/totals': [['taxes', 'tax/total']],
  'bill/ordering': [
    ['identities', 'org/identity', true],
    ['period', 'cal/period'],
    ['buyer', 'org/party'],
    ['seller', 'org/party'],
    ['issuer', 'org/party'],
    refs('projects'),
    refs('contracts'),
    refs('purchases'),
    refs('sales'),
    refs('receiving'),
    refs('despatch'),
    refs('tender'),
  ],
  'bill/payment-details': [
    ['payee', 'org/party'],
    ['payer', 'org/party'],
    ['terms', 'pay/terms'],
    ['advances', 'pay/record', true],
    ['instructions', 'pay/instructions'],
  ],
  'bill/delivery-details': [
    ['receiver', 'org/party'],
    ['identities', 'org/identity', true],
    ['period', 'cal/period'],
  ],
  'org/party': partyChildren,
  'org/person': [
    ['name', 'org/name'],
    ['identities', 'org/identity', true],
    ['addresses', 'org/address', true],
    ['emails', 'org/email', true],
    ['telephones', 'org/telephone', true],
    ['avatars', 'org/image', true],
  ],
  'org/item': [
    ['identities', 'org/identity', true],
    ['images', 'org/image', true],
    ['alt_prices', 'currency/amount', true],
  ],
  'org/document-ref': [
    ['identities', 'org/identity', true],
    ['period', 'cal/period'],
    ['stamps', 'head/stamp', true],
    ['tax', 'tax/total'],
  ],
  'pay/terms': [['due_dates', 'pay/due-date', true]],
  'pay/instructions': [['online', 'pay/online', true]],
  'pay/record': [['online', 'pay/online', true]],
};

export type Visit = (kind: ObjectKind, node: Record<string, unknown>, path: string) => void;

/** Visits every object of the graph, parents before children, with its `$.`-style path. */
export function walk(kind: ObjectKind, node: unknown, path: string, visit: Visit): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const obj = node as Record<string, unknown>;
  visit(kind, obj, path);
  const children = CHILDREN[kind];
  if (!children) return;
  for (const [field, childKind, many] of children) {
    const value = obj[field];
    if (value === undefined || value === null) continue;
    if (many) {
      if (!Array.isArray(value)) continue;
      for (let i = 0; i < value.length; i++) walk(childKind, value[i], `${path}.${field}[${i}]`, visit);
    } else {
      walk(childKind, value, `${path}.${field}`, visit);
    }
  }
}
