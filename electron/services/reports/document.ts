import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  type ISectionOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  TableOfContents,
  TextRun,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { type LongTable, longTableMarker, writeLongTable } from './long-table.js';
import { type ReportBlock, type ReportModel, statusText } from './model.js';
import { replacePart } from './package.js';
import { proseParagraphs } from './prose.js';
import { HEADING_COLOUR, REPORT_NUMBERING, REPORT_STYLES, SIZE } from './style.js';
import { columnWidths, factsTable, reportTable } from './table.js';

/**
 * Renders a report model (model.ts) as a Word document, the same frame for every
 * kind of report:
 *
 * - a title page: title, subtitle lines, status (DRAFT vN and date, or FINAL), marking;
 * - a contents page: a real table of contents field over the headings' outline
 *   levels, written with its entries and their page numbers (docx/layout lays the
 *   pages out as Word does: LibreOffice does not update the field when it opens or
 *   converts a file, so without them its contents would have no numbers), and the
 *   document asks Word to update its fields on opening (`updateFields`);
 * - the protective marking at the top and bottom of every page, the status in the
 *   header and "Page X of Y" in the footer;
 * - each part as its own section, portrait or landscape (a chronology table).
 */

/** A4 in twentieths of a point, and the margins. */
const PAGE = { width: 11906, height: 16838 } as const;
const MARGIN = { portrait: 1440, landscape: 1021 } as const;

export function textWidth(orientation: 'portrait' | 'landscape'): number {
  const across = orientation === 'portrait' ? PAGE.width : PAGE.height;
  return across - 2 * MARGIN[orientation];
}

/** The finished .docx; `onRows` hears how many rows of a streamed table are written. */
export async function packReport(
  model: ReportModel,
  onRows: (done: number, total: number) => void = () => undefined,
): Promise<Buffer> {
  const streamed: LongTable[] = [];
  const packed = await Packer.toBuffer(reportDocument(model, streamed));
  if (streamed.length === 0) return packed;
  const total = streamed.reduce((sum, table) => sum + table.rows.length, 0);
  return replacePart(packed, 'word/document.xml', async (xml, emit) => {
    let from = 0;
    let before = 0;
    for (const [index, table] of streamed.entries()) {
      const marker = xml.indexOf(longTableMarker(index), from);
      const start = Math.max(xml.lastIndexOf('<w:p>', marker), xml.lastIndexOf('<w:p ', marker));
      const end = xml.indexOf('</w:p>', marker) + '</w:p>'.length;
      if (marker === -1 || start === -1 || end < marker) throw new Error('A long table lost its place in the document');
      await emit(xml.slice(from, start));
      await writeLongTable(table, emit, (done) => onRows(before + done, total));
      before += table.rows.length;
      from = end;
    }
    await emit(xml.slice(from));
  });
}

/** The document; a streamed table is left as a marker paragraph and collected in `streamed`. */
export function reportDocument(model: ReportModel, streamed: LongTable[] = []): Document {
  const lastBlock = model.parts.at(-1)?.blocks.at(-1);
  for (const part of model.parts) {
    for (const block of part.blocks) {
      if (block.type === 'table' && block.streamed === true && block !== lastBlock) {
        throw new Error('A streamed table must be the last block of the document');
      }
    }
  }
  let lists = 0;
  const nextList = () => {
    lists += 1;
    return lists;
  };
  const status = statusText(model.status);
  const headers = {
    default: new Header({
      children: [markingParagraph(model.marking), smallParagraph(status, AlignmentType.RIGHT)],
    }),
    first: new Header({ children: [markingParagraph(model.marking)] }),
  };
  const footers = {
    default: new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 0 },
          children: [
            new TextRun({ size: SIZE.small, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
          ],
        }),
        markingParagraph(model.marking),
      ],
    }),
    first: new Footer({ children: [markingParagraph(model.marking)] }),
  };
  const frame = (
    orientation: 'portrait' | 'landscape',
  ): Pick<ISectionOptions, 'properties' | 'headers' | 'footers'> => ({
    headers,
    footers,
    properties: {
      type: SectionType.NEXT_PAGE,
      page: {
        size: {
          ...PAGE,
          orientation: orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE,
        },
        margin: {
          top: MARGIN[orientation],
          bottom: MARGIN[orientation],
          left: MARGIN[orientation],
          right: MARGIN[orientation],
        },
      },
    },
  });

  const opening: ISectionOptions = {
    ...frame('portrait'),
    properties: { ...frame('portrait').properties, titlePage: true },
    children: [
      ...titlePage(model, status),
      ...(model.contents
        ? [
            new Paragraph({
              pageBreakBefore: true,
              style: 'Title',
              children: [new TextRun({ text: 'Contents', size: 32 })],
            }),
            new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }),
          ]
        : []),
    ],
  };
  const parts: ISectionOptions[] = model.parts.map((part, index) => ({
    ...frame(part.orientation),
    children: [
      ...(index === 0 && !model.titlePage ? titleLines(model, status) : []),
      ...part.blocks.flatMap((block) => render(block, textWidth(part.orientation), nextList, streamed)),
    ],
  }));

  return new Document({
    creator: 'Casebook',
    title: model.title,
    description: model.description,
    styles: REPORT_STYLES,
    numbering: REPORT_NUMBERING,
    features: { updateFields: true },
    pageNumbers: estimatePageNumbers,
    sections: model.titlePage ? [opening, ...parts] : parts,
  });
}

function titlePage(model: ReportModel, status: string): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 2800, after: 480 }, style: 'Title', children: [new TextRun(model.title)] }),
    ...model.subtitle.map(
      (line) =>
        new Paragraph({
          spacing: { after: 200 },
          children: [new TextRun({ text: line, size: SIZE.subtitle, color: HEADING_COLOUR })],
        }),
    ),
    new Paragraph({
      spacing: { before: 960 },
      children: [new TextRun({ text: status, bold: true, size: SIZE.subtitle })],
    }),
    new Paragraph({
      spacing: { before: 240 },
      children: [new TextRun({ text: model.marking, bold: true, size: SIZE.subtitle, color: 'C00000' })],
    }),
  ];
}

/** The title at the head of the first page, for a document without a title page. */
function titleLines(model: ReportModel, status: string): Paragraph[] {
  return [
    new Paragraph({
      style: 'Title',
      spacing: { after: 120 },
      children: [new TextRun({ text: model.title, size: 36 })],
    }),
    new Paragraph({
      spacing: { after: 240 },
      border: { bottom: { style: 'single', size: 8, color: HEADING_COLOUR, space: 4 } },
      children: [
        new TextRun({ text: [...model.subtitle, status].join(' | '), size: SIZE.small, color: HEADING_COLOUR }),
      ],
    }),
  ];
}

function markingParagraph(marking: string): Paragraph {
  return new Paragraph({ style: 'Marking', children: [new TextRun(marking)] });
}

function smallParagraph(text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph {
  return new Paragraph({
    alignment,
    spacing: { after: 0 },
    children: [new TextRun({ text, size: SIZE.small, color: '595959' })],
  });
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function render(
  block: ReportBlock,
  width: number,
  nextList: () => number,
  streamed: LongTable[],
): (Paragraph | ReturnType<typeof reportTable>)[] {
  switch (block.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], children: [new TextRun(block.text)] })];
    case 'paragraph':
      return [new Paragraph({ children: [new TextRun({ text: block.text, bold: block.bold ?? false })] })];
    case 'prose':
      return proseParagraphs(block.prose, nextList);
    case 'placeholder':
      return [
        new Paragraph({
          style: 'Placeholder',
          children: [new TextRun({ text: 'To be written: ', bold: true }), new TextRun(block.text)],
        }),
      ];
    case 'facts':
      return [factsTable(block.rows, width), new Paragraph({ spacing: { after: 120 }, children: [] })];
    case 'table': {
      const widths = columnWidths(width, block.headers.length, block.widths);
      if (block.streamed) {
        streamed.push({ headers: block.headers, rows: block.rows, widths });
        return [new Paragraph({ children: [new TextRun(longTableMarker(streamed.length - 1))] })];
      }
      return [
        reportTable({
          headers: block.headers,
          rows: block.rows,
          widths,
        }),
        ...(block.caption ? [new Paragraph({ style: 'Caption', children: [new TextRun(block.caption)] })] : []),
      ];
    }
    case 'image': {
      // Fitted to the text width at 96 pixels an inch (15 twips a pixel), keeping its shape.
      const scale = Math.min(1, width / 15 / block.width);
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [
            new ImageRun({
              type: 'png',
              data: block.png,
              transformation: { width: Math.round(block.width * scale), height: Math.round(block.height * scale) },
              altText: { name: block.caption, description: block.caption, title: block.caption },
            }),
          ],
        }),
        new Paragraph({ style: 'Caption', alignment: AlignmentType.CENTER, children: [new TextRun(block.caption)] }),
      ];
    }
  }
}
