/** Text measuring and wrapping, with the font's real advance widths passed in as `Measure`. */

/** Width in points of `text` at `size` in the regular or bold face. */
export type Measure = (text: string, size: number, bold: boolean) => number;

export interface TextStyle {
  readonly size: number;
  readonly bold: boolean;
}

/** Splits a word wider than `width` into pieces that fit (at least one character each). */
function breakWord(word: string, width: number, style: TextStyle, measure: Measure): string[] {
  const out: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && measure(piece + ch, style.size, style.bold) > width) {
      out.push(piece);
      piece = ch;
    } else piece += ch;
  }
  if (piece) out.push(piece);
  return out;
}

/**
 * Greedy word wrap of one paragraph per `\n`. Words longer than the width are split; spaces are
 * collapsed. Always returns at least one line (possibly empty).
 */
export function wrapText(text: string, width: number, style: TextStyle, measure: Measure): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    const words = para.split(/\s+/).filter(Boolean);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, style.size, style.bold) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      if (measure(word, style.size, style.bold) <= width) line = word;
      else {
        const pieces = breakWord(word, width, style, measure);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1] ?? '';
      }
    }
    lines.push(line);
  }
  return lines.length ? lines : [''];
}

/** One line that fits `width`, cut with an ellipsis when it does not. */
export function fitText(text: string, width: number, style: TextStyle, measure: Measure): string {
  if (measure(text, style.size, style.bold) <= width) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(chars.slice(0, mid).join('') + '…', style.size, style.bold) <= width) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}
