import { TABLE_HEADER_FILL } from './style.js';

/**
 * A table of thousands of rows (the integrated chronology appendix) written
 * straight as WordprocessingML, row by row, into the packed document
 * (./package.ts replacePart) in place of a marker paragraph. Building it with the
 * docx library costs an object tree per cell (a 10,000-entry chronology peaked
 * near 600 MB) and its page layout; written as text it streams in a few MB. It
 * looks the same as ./table.ts's tables: shaded header row repeated on every page,
 * fixed column widths, single borders, table text style.
 */

export interface LongTable {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  widths: readonly number[];
}

/** The marker paragraph's text; the whole paragraph holding it is replaced. */
export const longTableMarker = (index: number) => `casebook-long-table-${index}-${'x'.repeat(8)}`;

// Characters XML 1.0 cannot hold (controls other than tab and line ends) are dropped, as docx does.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
const xmlText = (text: string) =>
  text.replace(NOT_XML, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function cell(text: string, width: number, header: boolean): string {
  const shading = header ? `<w:shd w:val="clear" w:color="auto" w:fill="${TABLE_HEADER_FILL}"/>` : '';
  const bold = header ? '<w:b/><w:bCs/>' : '';
  const paragraphs = text
    .split(/\r?\n/)
    .map(
      (line) =>
        `<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:rPr>${bold}</w:rPr><w:t xml:space="preserve">${xmlText(line)}</w:t></w:r></w:p>`,
    )
    .join('');
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${shading}</w:tcPr>${paragraphs}</w:tc>`;
}

const row = (cells: readonly string[], widths: readonly number[], header: boolean) =>
  `<w:tr>${header ? '<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' : ''}${cells
    .map((text, index) => cell(text, widths[index] ?? 0, header))
    .join('')}</w:tr>`;

const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;

/** The table's XML in pieces of about `chunkRows` rows, so the caller can stream and report progress. */
export async function writeLongTable(
  table: LongTable,
  emit: (piece: string) => Promise<void>,
  onRows: (done: number) => void,
  chunkRows = 250,
): Promise<void> {
  const width = table.widths.reduce((sum, value) => sum + value, 0);
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('');
  await emit(
    `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders>` +
      `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
      `<w:tblGrid>${table.widths.map((value) => `<w:gridCol w:w="${value}"/>`).join('')}</w:tblGrid>` +
      row(table.headers, table.widths, true),
  );
  for (let start = 0; start < table.rows.length; start += chunkRows) {
    const piece = table.rows
      .slice(start, start + chunkRows)
      .map((cells) => row(cells, table.widths, false))
      .join('');
    await emit(piece);
    onRows(Math.min(table.rows.length, start + chunkRows));
    // Let the main process answer the window between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await emit('</w:tbl>');
}
