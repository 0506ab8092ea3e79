import { describe, expect, it } from 'vitest';
import { looksLikeYamlText } from './yaml-sniff.ts';
import { parseYamlText } from './yaml-text.ts';

describe('parseYamlText', () => {
  it('reads GOBL-style YAML with the core schema', () => {
    const r = parseYamlText('$schema: "https://gobl.org/draft-0/bill/invoice"\ncode: 0042\nlines:\n  - quantity: 20\n    item: { name: "x", price: "90.00" }\nflag: no\n');
    expect(r).toEqual({ ok: true, value: { $schema: 'https://gobl.org/draft-0/bill/invoice', code: 42, lines: [{ quantity: 20, item: { name: 'x', price: '90.00' } }], flag: 'no' } });
  });

  it('says where a syntax error is', () => {
    const r = parseYamlText('a: 1\nb: [1, 2\nc: 3\n');
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.error.message).toMatch(/^line \d+, column \d+: /);
  });

  it('refuses alias bombs and deep nesting', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(parseYamlText(bomb).ok).toBe(false);
    expect(parseYamlText(`${'['.repeat(600)}${']'.repeat(600)}`).ok).toBe(false);
  });
});

describe('looksLikeYamlText', () => {
  it('tells YAML from JSON and XML', () => {
    expect([looksLikeYamlText('$schema: x\n'), looksLikeYamlText('---\na: 1'), looksLikeYamlText('{"a": 1}'), looksLikeYamlText('<a/>'), looksLikeYamlText('just words')]).toEqual([true, true, false, false, false]);
  });
});
