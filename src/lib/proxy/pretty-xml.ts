/**
 * Indents XML for reading. The signed documents and the authorities' answers are one long line;
 * shown as they are, an editor is one endless row. Display only: the exact bytes are what the
 * copy and download buttons give.
 *
 * Tokenizes (declarations, comments, CDATA, tags with quoted attributes, text) and puts every
 * element on its own line, keeping `<a>text</a>` together. Text is trimmed; anything the
 * tokenizer does not understand is returned unchanged.
 */

const TOKEN = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/[^>]+>|<(?:[^>"']|"[^"]*"|'[^']*')+>|[^<]+/g;

type Kind = 'open' | 'close' | 'empty' | 'text' | 'other';

function kindOf(t: string): Kind {
  if (!t.startsWith('<')) return 'text';
  if (t.startsWith('</')) return 'close';
  if (t.startsWith('<?') || t.startsWith('<!')) return 'other';
  return t.endsWith('/>') ? 'empty' : 'open';
}

export function prettyXml(xml: string, indent = '  '): string {
  const tokens = xml.match(TOKEN);
  if (!tokens || tokens.join('') !== xml) return xml;
  const kinds = tokens.map(kindOf);
  const out: string[] = [];
  let depth = 0;
  const pad = () => indent.repeat(Math.max(0, depth));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const k = kinds[i];
    if (k === 'text') {
      const s = t.trim();
      if (s) out.push(pad() + s);
    } else if (k === 'open') {
      // <a>text</a> and <a></a> stay on one line.
      if (kinds[i + 1] === 'text' && kinds[i + 2] === 'close') {
        out.push(pad() + t + tokens[i + 1].trim() + tokens[i + 2]);
        i += 2;
      } else if (kinds[i + 1] === 'close') {
        out.push(pad() + t + tokens[i + 1]);
        i += 1;
      } else {
        out.push(pad() + t);
        depth++;
      }
    } else if (k === 'close') {
      depth--;
      out.push(pad() + t);
    } else out.push(pad() + t.trim());
  }
  return out.join('\n') + '\n';
}
