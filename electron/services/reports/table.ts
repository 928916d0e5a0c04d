import {
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { TABLE_HEADER_FILL } from './style.js';

/**
 * A table as reports print them: a shaded header row that Word and LibreOffice
 * repeat at the top of every page the table runs onto, rows that may break across
 * pages (a long chronology entry must not leave half a page blank), fixed column
 * widths (fast to lay out, the same in every application), small table text.
 */

export function columnWidths(textWidth: number, count: number, relative?: readonly number[]): number[] {
  const weights = relative && relative.length === count ? relative : Array.from({ length: count }, () => 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => Math.floor((textWidth * weight) / total));
}

export function reportTable(options: {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  widths: readonly number[];
}): Table {
  const cell = (text: string, header: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.TOP,
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: TABLE_HEADER_FILL } } : {}),
      children: cellParagraphs(text, header),
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: options.headers.map((text, index) => cell(text, true, options.widths[index] ?? 0)),
  });
  const rows = options.rows.map(
    (row) => new TableRow({ children: row.map((text, index) => cell(text, false, options.widths[index] ?? 0)) }),
  );
  return new Table({
    rows: [header, ...rows],
    columnWidths: [...options.widths],
    width: { size: options.widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

/** One paragraph a line, so line breaks typed into a cell survive. */
function cellParagraphs(text: string, bold: boolean): Paragraph[] {
  return text
    .split(/\r?\n/)
    .map((line) => new Paragraph({ style: 'TableText', children: [new TextRun({ text: line, bold })] }));
}

/** Label and value rows without a header: a record's summary. */
export function factsTable(rows: readonly [string, string][], textWidth: number): Table {
  const [labelWidth, valueWidth] = columnWidths(textWidth, 2, [1, 2]) as [number, number];
  return new Table({
    columnWidths: [labelWidth, valueWidth],
    width: { size: labelWidth + valueWidth, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: labelWidth, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: TABLE_HEADER_FILL },
              children: cellParagraphs(label, true),
            }),
            new TableCell({ width: { size: valueWidth, type: WidthType.DXA }, children: cellParagraphs(value, false) }),
          ],
        }),
    ),
  });
}
