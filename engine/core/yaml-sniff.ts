/**
 * Whether a text is more likely YAML than JSON or XML, for files without a telling name and for
 * text pasted into the JSON editor. Apart from yaml-text.ts so that asking costs no parser.
 */
export function looksLikeYamlText(text: string): boolean {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{') || t.startsWith('[') || t.startsWith('<')) return false;
  return /^(---\s*$|[$\w"'-][^:\n]*:(\s|$))/m.test(t);
}
