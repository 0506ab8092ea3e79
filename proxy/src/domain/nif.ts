/**
 * Spanish tax ID check digits (NIF of persons: DNI, NIE, K/L/M; NIF of entities, formerly CIF).
 * Source: Orden EHA/451/2008 (entity NIF control character) and the DNI/NIE letter table
 * (Real Decreto 1553/2005). The same checks GOBL runs in regimes/es/tax_identity.go.
 */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const ENTITY_CONTROL_LETTERS = 'JABCDEFGHI';

export type NifKind = 'dni' | 'nie' | 'klm' | 'entity';

export function normalizeNif(raw: string): string {
  let s = raw.toUpperCase().replace(/[\s.\-/]/g, '');
  if (s.startsWith('ES') && s.length === 11) s = s.slice(2);
  return s;
}

export function nifKind(nif: string): NifKind | undefined {
  if (/^[0-9]{8}[A-Z]$/.test(nif)) return 'dni';
  if (/^[XYZ][0-9]{7}[A-Z]$/.test(nif)) return 'nie';
  if (/^[KLM][0-9]{7}[A-Z]$/.test(nif)) return 'klm';
  if (/^[ABCDEFGHJNPQRSUVW][0-9]{7}[0-9A-J]$/.test(nif)) return 'entity';
  return undefined;
}

/** True when `raw` is a Spanish NIF with a correct control character. */
export function isValidNif(raw: string): boolean {
  const nif = normalizeNif(raw);
  const kind = nifKind(nif);
  switch (kind) {
    case 'dni':
      return DNI_LETTERS[Number(nif.slice(0, 8)) % 23] === nif[8];
    case 'nie':
      return DNI_LETTERS[Number('XYZ'.indexOf(nif[0]) + nif.slice(1, 8)) % 23] === nif[8];
    case 'klm':
      return DNI_LETTERS[Number(nif.slice(1, 8)) % 23] === nif[8];
    case 'entity': {
      const digits = nif.slice(1, 8);
      let sum = 0;
      for (let i = 0; i < 7; i++) {
        const d = Number(digits[i]);
        if (i % 2 === 0) {
          const x = d * 2;
          sum += Math.floor(x / 10) + (x % 10);
        } else sum += d;
      }
      const c = (10 - (sum % 10)) % 10;
      const control = nif[8];
      if ('PQRSNW'.includes(nif[0])) return control === ENTITY_CONTROL_LETTERS[c];
      if ('ABEH'.includes(nif[0])) return control === String(c);
      return control === String(c) || control === ENTITY_CONTROL_LETTERS[c];
    }
    default:
      return false;
  }
}

/** A legal entity files Bizkaia LROE modelo 240; a natural person modelo 140 (converters.md §1.8). */
export function isNaturalPerson(nif: string): boolean {
  const k = nifKind(normalizeNif(nif));
  return k === 'dni' || k === 'nie' || k === 'klm';
}
