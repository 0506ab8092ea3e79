/**
 * The part of `qrcode` the engine uses: the symbol encoder alone (`lib/core/qrcode.js`), which
 * is plain JavaScript. The package's main entry also loads its Node renderers, and its
 * published types pull in Node's, neither of which belongs in the engine.
 */
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QrSymbol {
    readonly modules: { readonly size: number; readonly data: Uint8Array };
    readonly version: number;
  }
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): QrSymbol;
}
