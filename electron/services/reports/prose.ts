import { ExternalHyperlink, HeadingLevel, Paragraph, type ParagraphChild, TextRun } from 'docx';
import type { Prose, ProseInline } from '../../../shared/reports/prose.js';
import { BULLET_LIST, NUMBER_LIST } from './style.js';

/**
 * The reviewer's prose (shared/reports/prose.ts) as Word paragraphs, with its
 * formatting: headings one level below the section heading it sits under, bulleted
 * and numbered lists (each numbered list counting from 1 again), bold, italic, links.
 */

const HEADING = { 1: HeadingLevel.HEADING_2, 2: HeadingLevel.HEADING_3, 3: HeadingLevel.HEADING_3 } as const;

/** `nextList` gives each numbered list its own numbering instance, so it restarts at 1. */
export function proseParagraphs(prose: Prose, nextList: () => number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let listInstance: number | null = null;
  let previous: string | null = null;
  for (const block of prose) {
    const children = block.content.map(inline);
    if (block.type === 'heading') {
      paragraphs.push(new Paragraph({ heading: HEADING[block.level], children }));
    } else if (block.type === 'paragraph') {
      paragraphs.push(new Paragraph({ children }));
    } else {
      if (block.type !== previous || listInstance === null) listInstance = nextList();
      const reference = block.type === 'bullet' ? BULLET_LIST : NUMBER_LIST;
      paragraphs.push(
        new Paragraph({
          children,
          numbering: { reference, level: block.depth, instance: listInstance },
          spacing: { after: 60 },
        }),
      );
    }
    previous = block.type;
  }
  return paragraphs;
}

function inline(part: ProseInline): ParagraphChild {
  const run = new TextRun({
    text: part.text,
    bold: part.bold ?? false,
    italics: part.italic ?? false,
    ...(part.link ? { style: 'Hyperlink' } : {}),
  });
  return part.link ? new ExternalHyperlink({ link: part.link, children: [run] }) : run;
}
