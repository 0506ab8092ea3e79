/**
 * The default fonts: Noto Sans Regular and Bold (SIL Open Font License 1.1), which cover Latin
 * (Spanish, Basque, Catalan, Galician, Polish Ł…), Greek, Cyrillic, € and ·. They ship in the
 * npm package `@expo-google-fonts/noto-sans`, so nothing is downloaded at run time; the engine
 * still reads no files itself, the caller passes a reader:
 *
 *   // Node (CLI, tests): resolve inside node_modules and read from disk
 *   const require = createRequire(import.meta.url);
 *   const fonts = await loadDefaultFonts((file) => readFile(require.resolve(file)));
 *
 *   // Page or worker (Vite): the files become assets fetched only when a PDF is first made
 *   const urls = {
 *     regular: (await import('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf?url')).default,
 *     bold: (await import('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf?url')).default,
 *   };
 *   const fonts = await loadDefaultFonts(async (_, face) => (await fetch(urls[face])).arrayBuffer());
 *
 * Keep this module separate from the renderer's entry (import it lazily) so that loading the
 * engine does not pull in ~1 MB of font data.
 */

export const DEFAULT_FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  family: 'Noto Sans',
  license: 'SIL Open Font License 1.1',
} as const;

export type FontFace = 'regular' | 'bold';

export interface DefaultFonts {
  readonly font: Uint8Array;
  readonly boldFont: Uint8Array;
}

/** TrueType (0x00010000, `true`), OpenType CFF (`OTTO`), collections (`ttcf`), WOFF (`wOFF`, `wOF2`). */
const SIGNATURES = [[0, 1, 0, 0], [0x74, 0x72, 0x75, 0x65], [0x4f, 0x54, 0x54, 0x4f], [0x74, 0x74, 0x63, 0x66], [0x77, 0x4f, 0x46, 0x46], [0x77, 0x4f, 0x46, 0x32]];

/** Whether the bytes start like a font file (a cheap check before handing them to fontkit). */
export function looksLikeFont(bytes: Uint8Array): boolean {
  return bytes.length > 12 && SIGNATURES.some((sig) => sig.every((b, i) => bytes[i] === b));
}

/**
 * Loads Noto Sans Regular and Bold with `read(file, face)`, where `file` is the package path in
 * `DEFAULT_FONT_FILES`. Rejects when the reader fails or returns something that is not a font.
 */
export async function loadDefaultFonts(read: (file: string, face: FontFace) => Promise<Uint8Array | ArrayBuffer>): Promise<DefaultFonts> {
  const load = async (face: FontFace): Promise<Uint8Array> => {
    const raw = await read(DEFAULT_FONT_FILES[face], face);
    const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
    if (!looksLikeFont(bytes)) throw new Error(`${DEFAULT_FONT_FILES[face]} is not a font file (${bytes.length} bytes): is ${DEFAULT_FONT_FILES.family} installed?`);
    return bytes;
  };
  const [font, boldFont] = await Promise.all([load('regular'), load('bold')]);
  return { font, boldFont };
}
