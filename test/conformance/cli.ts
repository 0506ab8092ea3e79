// `npm run conformance`: rebuilds GOBL's in-scope examples and prints a table and a total.
import { addons } from '../../engine/addons/index.ts';
import { caseName, conformanceCases, runCase, type CaseResult } from './harness.ts';

const implemented = new Set(addons.map((a) => a.key));
const verbose = process.argv.includes('--diffs');
const results: CaseResult[] = conformanceCases().map((c) => runCase(c, implemented));

const width = Math.max(...results.map((r) => caseName(r.case).length));
console.log(`| ${'input'.padEnd(width)} | scope        | result  | detail`);
console.log(`|${'-'.repeat(width + 2)}|--------------|---------|-------`);
for (const r of results) {
  console.log(`| ${caseName(r.case).padEnd(width)} | ${r.case.reason.padEnd(12)} | ${r.status.padEnd(7)} | ${r.detail}`);
  if (verbose) for (const d of r.diffs.slice(0, 10)) console.log(`    ${d.path}: expected ${JSON.stringify(d.expected)} got ${JSON.stringify(d.actual)}`);
}
const count = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
console.log(`\n${results.length} inputs: ${count('pass')} pass, ${count('fail')} fail, ${count('pending')} pending`);
process.exit(count('fail') > 0 ? 1 : 0);
