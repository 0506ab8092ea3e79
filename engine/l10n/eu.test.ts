import { describe, expect, it } from 'vitest';
import { isEuMember } from './eu.ts';

const EU27 = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

describe('isEuMember', () => {
  it('has the 27 member states', () => {
    expect(new Set(EU27).size).toBe(27);
    for (const c of EU27) expect(isEuMember(c), c).toBe(true);
  });

  it('accepts Greece as EL (VAT prefix) and GR (ISO)', () => {
    expect(isEuMember('EL')).toBe(true);
    expect(isEuMember('GR')).toBe(true);
  });

  it('ignores letter case', () => {
    expect(isEuMember('es')).toBe(true);
    expect(isEuMember('el')).toBe(true);
  });

  it.each(['GB', 'XI', 'XU', 'CH', 'NO', 'IS', 'LI', 'US', 'TR', 'AD', 'MC', 'SM', 'VA', 'EU', '', 'ESP'])('%j is not a member', (c) => {
    expect(isEuMember(c)).toBe(false);
  });
});
