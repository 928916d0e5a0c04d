import ExcelJS from 'exceljs';
import { type AuditChainHead, auditChainHead } from '../../db/audit.js';
import { listEntries } from '../../db/chronology.js';
import { linkedEntries } from '../../db/chronology-duplicate-flags.js';
import { episodeTitlesByEntry } from '../../db/key-practice-episodes.js';
import { anonymisePeople } from '../../db/people.js';
import { getReview } from '../../db/reviews.js';
import type { Vault } from '../../db/vault.js';
import { describeLeak, findLeaks, type TextPart } from '../../shared/anonymise/leak-check.js';
import { createAnonymiser } from '../../shared/anonymise/replace.js';
import type { ChronologyEntry } from '../../shared/api/channels/chronology.js';
import type { ChronologyExport, ExportFormat } from '../../shared/api/channels/chronology-analysis.js';
import { CasebookError } from '../../shared/api/errors.js';
import { neutraliseCell } from '../../shared/chronology/neutralise.js';
import { formatIsoUk } from '../../shared/dates/fuzzy-date.js';
import { formatAuditAnchor } from './audit-anchor.js';

/**
 * The integrated chronology as a file the reviewer takes out of the vault: XLSX
 * (for reading and sharing with the panel) or CSV (for other tools).
 *
 * - Both carry the protective marking (OFFICIAL-SENSITIVE) and DRAFT in a first
 *   title row; the XLSX also in every printed page's header and footer.
 * - Every cell is text and goes through `neutraliseCell` (formula injection), in
 *   both formats. Dates are UK display text that never shows a day nobody recorded.
 * - CSV is UTF-8 with a byte-order mark and CRLF line ends, every field quoted,
 *   so Excel opens it with the right characters and columns.
 * - Anonymised: every text cell goes through the review's anonymiser
 *   (shared/anonymise/), the practitioner column holds role codes or a job title
 *   alone, and before anything is returned every cell is scanned by the leak check
 *   (names, other names, NHS numbers, dates of birth, addresses, postcodes); a leak
 *   refuses the export, listing each by row and column (never the personal text).
 *   The file name never holds the review's title.
 * - Linked duplicates stay two rows ("Same event as" gives the other's No.); an
 *   open flag is shown too, so nothing is dropped or hidden.
 * - Each file carries the audit log's head at the moment it was made (an audit
 *   anchor: XLSX document properties, the CSV's marking line), so a kept export can
 *   later show the vault's history was rewritten (`casebook vault verify --anchor`).
 * - Exporting is audited (format, anonymised, count) once the file is saved: a
 *   failed write is not recorded as an export.
 */

export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';

const COLUMNS: readonly { header: string; width: number }[] = [
  { header: 'No.', width: 6 },
  { header: 'Date', width: 18 },
  { header: 'Agency', width: 20 },
  { header: 'Source', width: 22 },
  { header: 'Practitioner', width: 18 },
  { header: 'Child seen', width: 12 },
  { header: 'Event', width: 60 },
  { header: 'Action / outcome', width: 40 },
  { header: 'Significance / comment', width: 40 },
  { header: 'Significant event', width: 11 },
  { header: 'Key practice episodes', width: 24 },
  { header: 'Same event as', width: 12 },
  { header: 'Possible duplicate of', width: 12 },
  { header: 'Tags', width: 18 },
];

const CHILD_SEEN: Record<string, string> = { yes: 'Yes', no: 'No', 'not-known': 'Not known' };

export interface ExportOptions {
  format: ExportFormat;
  anonymise: boolean;
  now?: Date;
}

export interface ExportTable {
  title: string;
  headers: string[];
  rows: string[][];
}

function dateText(entry: ChronologyEntry): string {
  let text = entry.date.display;
  if (entry.date.precision !== 'minute' && entry.time) text += ` ${entry.time}`;
  if (entry.endDate) text += ` to ${formatIsoUk(entry.endDate)}${entry.endTime ? ` ${entry.endTime}` : ''}`;
  else if (entry.endTime) text += ` to ${entry.endTime}`;
  return text;
}

/** The rows of the export, neutralised (and anonymised when asked): shared by both formats. */
export function chronologyExportTable(
  vault: Pick<Vault, 'database'>,
  reviewId: string,
  options: { anonymise: boolean; now?: Date },
): ExportTable {
  const { database } = vault;
  const review = getReview(database, reviewId);
  const { entries } = listEntries(database, { reviewId, filters: {}, offset: 0, limit: 200_000 });
  const people = anonymisePeople(database, reviewId);
  const anonymiser = options.anonymise ? createAnonymiser(people) : null;
  const text = (value: string | null) => (value === null ? '' : anonymiser ? anonymiser.text(value) : value);
  const practitioner = (value: string | null) =>
    value === null ? '' : anonymiser ? anonymiser.practitioner(value) : value;

  // Entries by their own numbers (`ref`), as the table and the report cite them.
  const numberOf = new Map(entries.map((entry) => [entry.id, String(entry.ref)]));
  const links = linkedEntries(database, reviewId);
  const episodes = episodeTitlesByEntry(database, reviewId);
  const numbers = (ids: readonly string[]) =>
    ids
      .map((id) => numberOf.get(id))
      .filter((n): n is string => n !== undefined)
      .join(', ');

  const rows = entries.map((entry) => {
    const linked = links.get(entry.id) ?? [];
    const flagged = entry.possibleDuplicateOf.filter((id) => !linked.includes(id));
    const childSeen = entry.childSeen ? (CHILD_SEEN[entry.childSeen] ?? entry.childSeen) : '';
    return [
      String(entry.ref),
      text(dateText(entry)),
      text(entry.agency.name),
      text(entry.source),
      practitioner(entry.practitioner),
      entry.childSeenText ? text(entry.childSeenText) : childSeen,
      text(entry.event),
      text(entry.action),
      text(entry.significance),
      entry.significant ? 'Yes' : '',
      (episodes.get(entry.id) ?? []).map((title) => text(title)).join('; '),
      numbers(linked),
      numbers(flagged),
      entry.tags.map((tag) => text(tag)).join(', '),
    ].map(neutraliseCell);
  });

  const exportedOn = formatIsoUk((options.now ?? new Date()).toISOString().slice(0, 10));
  const title = neutraliseCell(
    `${PROTECTIVE_MARKING} - DRAFT - Integrated chronology: ${text(review.title)} - ` +
      `exported ${exportedOn}${options.anonymise ? ' (anonymised)' : ''}`,
  );

  if (options.anonymise) {
    const parts: TextPart[] = [{ where: 'Title row', text: title }];
    rows.forEach((row, index) => {
      row.forEach((cell, column) => {
        parts.push({ where: `Row ${index + 1}, ${COLUMNS[column]?.header ?? ''}`, text: cell });
      });
    });
    const leaks = findLeaks(people, parts);
    if (leaks.length > 0) {
      throw new CasebookError(
        'conflict',
        `The anonymised export still held ${leaks.length} personal detail(s); nothing was exported. ` +
          `Edit these cells or the people's names, then export again:\n${leaks.slice(0, 50).map(describeLeak).join('\n')}` +
          (leaks.length > 50 ? `\n...and ${leaks.length - 50} more` : ''),
        leaks.map((leak) => ({ path: leak.where, message: describeLeak(leak) })),
      );
    }
  }
  return { title, headers: COLUMNS.map((column) => column.header), rows };
}

function csvField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** UTF-8 with BOM, CRLF, every field quoted. The marking line also carries the audit anchor. */
export function toCsv(table: ExportTable, anchor: AuditChainHead): Buffer {
  const marking = `${table.title} - ${formatAuditAnchor(anchor)}`;
  const lines = [[marking], table.headers, ...table.rows].map((row) => row.map(csvField).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function toXlsx(table: ExportTable, anchor: AuditChainHead, now: Date = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Casebook';
  workbook.created = now;
  workbook.description = formatAuditAnchor(anchor);
  const sheet = workbook.addWorksheet('Integrated chronology', {
    headerFooter: {
      oddHeader: `&C&B${PROTECTIVE_MARKING}&RDRAFT`,
      oddFooter: `&L&B${PROTECTIVE_MARKING}&RPage &P of &N`,
    },
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));
  const titleRow = sheet.addRow([table.title]);
  titleRow.font = { bold: true, size: 12, color: { argb: 'FFC00000' } };
  const headerRow = sheet.addRow(table.headers);
  headerRow.font = { bold: true };
  headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  for (const row of table.rows) {
    const added = sheet.addRow(row);
    added.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 0 }];
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function fileName(format: ExportFormat, anonymise: boolean, now: Date): string {
  return `integrated-chronology-${now.toISOString().slice(0, 10)}${anonymise ? '-anonymised' : ''}.${format}`;
}

/**
 * Builds the file, hands it to `save` (the CLI writes it to disk; the app returns
 * it to the window, which saves it), and only then audits that it left the vault.
 */
export async function exportChronology(
  vault: Pick<Vault, 'database' | 'write'>,
  reviewId: string,
  options: ExportOptions,
  save: (file: { fileName: string; content: Buffer }) => void | Promise<void>,
): Promise<{ fileName: string; entries: number }> {
  const now = options.now ?? new Date();
  const table = chronologyExportTable(vault, reviewId, { anonymise: options.anonymise, now });
  const anchor = auditChainHead(vault.database);
  const content = options.format === 'csv' ? toCsv(table, anchor) : await toXlsx(table, anchor, now);
  const file = { fileName: fileName(options.format, options.anonymise, now), content };
  await save(file);
  vault.write(
    {
      entity: 'review',
      entityId: reviewId,
      action: 'chronology exported',
      detail: { format: options.format, anonymised: options.anonymise, entries: table.rows.length },
    },
    () => undefined,
  );
  return { fileName: file.fileName, entries: table.rows.length };
}

export async function exportChronologyForChannel(
  vault: Pick<Vault, 'database' | 'write'>,
  input: { reviewId: string; format: ExportFormat; anonymise: boolean },
): Promise<ChronologyExport> {
  let contentBase64 = '';
  const result = await exportChronology(vault, input.reviewId, input, ({ content }) => {
    contentBase64 = content.toString('base64');
  });
  return {
    fileName: result.fileName,
    mimeType: input.format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64,
    entries: result.entries,
    anonymised: input.anonymise,
  };
}
