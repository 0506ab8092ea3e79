/** Package `note`: messages (from GOBL's `data/rules/note.json`). */
import type { RuleSet } from '../define.ts';
import { required } from '../is.ts';

export const noteRuleSets: readonly RuleSet[] = [
  { object: 'note/message', assertions: [required('GOBL-NOTE-MESSAGE-01', 'message content is required', 'content')] },
];
