/**
 * Package `cal`: dates, date-times and periods. `cal.Date` and `cal.DateTime` rules apply to
 * every field of those types; the fields are listed per object kind below.
 *
 * GOBL-CAL-DATE-01 / -DATETIME-01 only look at values that are set: an absent date is GOBL's
 * zero date, which its JSON decoder never produces from bad text (it fails to parse instead),
 * so "required" is left to the owning object's rules (e.g. GOBL-BILL-INVOICE-03).
 *
 * Not implemented: GOBL-CAL-TIMESTAMP-01 — no field of the documents we model is a
 * `cal.Timestamp`.
 */
import type { Assertion, ObjectKind, RuleSet } from '../define.ts';
import { dateNotZero, isDate, isDateTime, typeRuleSets } from '../is.ts';

const docDates = ['issue_date', 'op_date', 'value_date'];

/** Fields holding a `cal.Date`. */
export const DATE_FIELDS: Readonly<Partial<Record<ObjectKind, readonly string[]>>> = {
  'bill/invoice': docDates,
  'bill/order': docDates,
  'bill/delivery': docDates,
  'bill/payment': docDates,
  'bill/status': ['issue_date'],
  'bill/delivery-details': ['date'],
  'org/document-ref': ['issue_date'],
  'cal/period': ['start', 'end'],
  'pay/due-date': ['date'],
  'pay/record': ['date'],
};

/** Fields holding a `cal.DateTime`. */
export const DATETIME_FIELDS: Readonly<Partial<Record<ObjectKind, readonly string[]>>> = {
  'currency/exchange-rate': ['at'],
};

const dateRules = (field: string, each: boolean): Assertion[] => [
  { code: 'GOBL-CAL-DATE-01', desc: 'invalid date', field, each, ifPresent: true, test: isDate },
];

const dateTimeRules = (field: string, each: boolean): Assertion[] => [
  { code: 'GOBL-CAL-DATETIME-01', desc: 'invalid date time', field, each, ifPresent: true, test: isDateTime },
];

/* eslint-disable @typescript-eslint/no-explicit-any */
const period: RuleSet = {
  object: 'cal/period',
  assertions: [
    {
      code: 'GOBL-CAL-PERIOD-10',
      desc: 'end date must be on or after start date',
      // ISO dates compare correctly as text; only checked when both are real dates.
      test: (p: any) => !isDate(p.start) || !isDate(p.end) || p.end >= p.start,
    },
    { code: 'GOBL-CAL-PERIOD-01', desc: 'start date cannot be zero', field: 'start', test: dateNotZero },
    { code: 'GOBL-CAL-PERIOD-02', desc: 'end date cannot be zero', field: 'end', test: dateNotZero },
  ],
};

export const calRuleSets: readonly RuleSet[] = [
  ...typeRuleSets(DATE_FIELDS, dateRules),
  ...typeRuleSets(DATETIME_FIELDS, dateTimeRules),
  period,
];
