import { z } from 'zod';

/**
 * The reviewer's own prose (a report section, a briefing part), stored in the vault in
 * this small block model rather than in an editor's own format: the editor in the
 * renderer converts to and from it, and the Word export renders it, so neither side
 * depends on the other's library and a stored section outlives a change of editor.
 * It holds only what a board report uses: headings, paragraphs, bulleted and numbered
 * lists, bold, italic and links.
 */

export type ProseInline = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** An http(s) or mailto address; anything else is refused (no `javascript:` in a report). */
  link?: string;
};

export type ProseBlock =
  | { type: 'heading'; level: 1 | 2 | 3; content: ProseInline[] }
  | { type: 'paragraph'; content: ProseInline[] }
  /** One list item; consecutive items of one kind form one list. `depth` 0 is top level. */
  | { type: 'bullet' | 'number'; depth: 0 | 1 | 2; content: ProseInline[] };

export type Prose = ProseBlock[];

/** Enough for a long report section, small enough that one bad paste cannot fill the vault. */
export const PROSE_MAX_CHARACTERS = 200_000;
export const PROSE_MAX_BLOCKS = 5_000;

/** The addresses a link may have: http(s) and mailto only (no `javascript:`, `file:` or `data:`). */
export const PROSE_LINK_PATTERN = /^(https?:\/\/|mailto:)\S+$/i;
export const PROSE_LINK_RULE = 'A link must start with http://, https:// or mailto:';

const inlineSchema = z
  .object({
    text: z.string().max(PROSE_MAX_CHARACTERS),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    link: z.string().max(2_000).regex(PROSE_LINK_PATTERN, PROSE_LINK_RULE).optional(),
  })
  .strict();

const content = z.array(inlineSchema).max(PROSE_MAX_BLOCKS);

export const proseSchema = z
  .array(
    z.discriminatedUnion('type', [
      z
        .object({ type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), content })
        .strict(),
      z.object({ type: z.literal('paragraph'), content }).strict(),
      z
        .object({
          type: z.enum(['bullet', 'number']),
          depth: z.union([z.literal(0), z.literal(1), z.literal(2)]),
          content,
        })
        .strict(),
    ]),
  )
  .max(PROSE_MAX_BLOCKS)
  .refine((blocks) => proseLength(blocks) <= PROSE_MAX_CHARACTERS, {
    message: `The text is too long (at most ${PROSE_MAX_CHARACTERS.toLocaleString('en-GB')} characters)`,
  });

/** Characters of text in the prose (formatting not counted). */
export function proseLength(prose: Prose): number {
  let total = 0;
  for (const block of prose) for (const inline of block.content) total += inline.text.length;
  return total;
}

/** The prose as plain text, one block a line: for search, the leak check and "is it empty?". */
export function proseText(prose: Prose): string {
  return prose.map((block) => block.content.map((inline) => inline.text).join('')).join('\n');
}

export function isProseEmpty(prose: Prose | null | undefined): boolean {
  return !prose || proseText(prose).trim() === '';
}

/** Plain text (one paragraph a line) as prose: a default drawn from the review's data. */
export function proseFromText(text: string): Prose {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: 'paragraph', content: [{ text: line }] }));
}
