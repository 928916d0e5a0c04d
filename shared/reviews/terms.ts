/**
 * Terms of reference are stored as plain text in a small, documented format, never
 * HTML, so nothing stored can run as markup in the renderer or a Word report:
 *
 * - a line starting `# ` is a heading;
 * - lines starting `- ` (or `* `) form a bulleted list;
 * - lines starting `1. `, `2. ` ... form a numbered list;
 * - other lines are paragraphs; a blank line ends a paragraph or a list.
 *
 * No inline formatting. Each shell turns the blocks into its own elements.
 */

export const TERMS_OF_REFERENCE_MAX_LENGTH = 20_000;

export type TermsBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'numbered'; items: string[] };

export function parseTermsOfReference(text: string): TermsBlock[] {
  const blocks: TermsBlock[] = [];
  let paragraph: string[] = [];
  let list: { kind: 'bullets' | 'numbered'; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    if (list) blocks.push(list);
    paragraph = [];
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (line === '') {
      flush();
    } else if (line.startsWith('# ')) {
      flush();
      blocks.push({ kind: 'heading', text: line.slice(2).trim() });
    } else if (bullet || numbered) {
      const kind = bullet ? 'bullets' : 'numbered';
      const item = (bullet ?? numbered)?.[1] ?? '';
      if (paragraph.length > 0 || (list && list.kind !== kind)) flush();
      list ??= { kind, items: [] };
      list.items.push(item);
    } else if (list) {
      // A continuation line belongs to the list item above it.
      const items: string[] = list.items;
      items[items.length - 1] = `${items.at(-1)} ${line}`;
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
