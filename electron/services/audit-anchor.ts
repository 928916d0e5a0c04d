import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import type { AuditChainHead } from '../../db/audit.js';
import { CasebookError } from '../../shared/api/errors.js';
import { packagePart } from './reports/package.js';

/**
 * An audit anchor: the audit log's length and newest hash at the moment a file
 * left the vault, written into the file itself (an XLSX's document properties,
 * a CSV's marking line). The export is kept outside the vault, so it can later
 * show that the vault's history was rewritten by someone holding the key
 * (`casebook vault verify --anchor FILE`, db/audit.ts checkAuditAnchor).
 */

const PATTERN = /Casebook audit anchor: (\d+) entries, head ([0-9a-f]{64})/;

export function formatAuditAnchor(head: AuditChainHead): string {
  return `Casebook audit anchor: ${head.entries} entries, head ${head.hash}`;
}

export function parseAuditAnchor(text: string): AuditChainHead | null {
  const match = PATTERN.exec(text);
  return match?.[1] && match[2] ? { entries: Number(match[1]), hash: match[2] } : null;
}

/** The anchor an export carries: in an .xlsx's or .docx's description property, or a .csv's first line. */
export async function readAuditAnchor(file: string): Promise<AuditChainHead> {
  let text: string;
  try {
    if (extname(file).toLowerCase() === '.xlsx') {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      text = workbook.description ?? '';
    } else if (extname(file).toLowerCase() === '.docx') {
      // The document properties only, and never more of them than a properties part holds.
      const core = packagePart(readFileSync(file), 'docProps/core.xml', 1024 * 1024)?.toString('utf8') ?? '';
      text = /<dc:description>([^<]*)<\/dc:description>/.exec(core)?.[1] ?? '';
    } else {
      text = firstLine(file);
    }
  } catch (error) {
    throw new CasebookError(
      'unreadable_file',
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const anchor = parseAuditAnchor(text);
  if (!anchor) {
    throw new CasebookError(
      'unreadable_file',
      `${file} carries no Casebook audit anchor (chronology and statistics exports and Word reports carry one)`,
    );
  }
  return anchor;
}

/** A CSV export's marking line: read from the start of the file, not the whole export. */
function firstLine(file: string): string {
  const start = Buffer.alloc(4096);
  const descriptor = openSync(file, 'r');
  try {
    const read = readSync(descriptor, start, 0, start.length, 0);
    return start.subarray(0, read).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  } finally {
    closeSync(descriptor);
  }
}
