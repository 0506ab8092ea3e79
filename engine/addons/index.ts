/** Every addon the engine knows, as an explicit list (no registration by import side effects). */
import type { AddonDef } from '../tax/addon-def.ts';
import { facturaeAddon } from './es-facturae/index.ts';
import { siiAddon } from './es-sii/index.ts';
import { tbaiAddon } from './es-tbai/index.ts';
import { verifactuAddon } from './es-verifactu/index.ts';

export const addons: readonly AddonDef[] = [
  facturaeAddon,
  siiAddon,
  tbaiAddon,
  verifactuAddon,
];
