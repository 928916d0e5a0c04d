import { entryDate, findImportByHash, importedEntriesOf, savedMapping, writeImport } from '../../../db/chronology.js';
import { removeImportInside } from '../../../db/chronology-deleted.js';
import { listAgencies, requireOpenReview } from '../../../db/reviews.js';
import type { EntryDraft } from '../../../shared/api/channels/chronology.js';
import type { ChronologyField } from '../../../shared/chronology/fields.js';
import {
  type ChronologyImportContext,
  chronologyImport,
  type ImportedEntry,
  sameRowKey,
} from '../../../shared/import/chronology.js';
import type { ImportBinding } from './engine.js';

/**
 * The chronology kind's vault side: the review's scope for the row check, the
 * agency's saved mapping, earlier imports of the same file or of the same rows
 * (a corrected file: `overlap`), and the writer
 * (db/chronology.ts `writeImport`: entries, the import record, the mapping and
 * duplicate detection in one transaction, in steps).
 */

export interface ChronologyImportTarget {
  reviewId: string;
  /** The agency the file comes from, by name: found case-insensitively or added on commit. */
  agency: string;
}

export const chronologyImportBinding: ImportBinding<
  ChronologyField,
  ImportedEntry,
  ChronologyImportContext,
  ChronologyImportTarget,
  EntryDraft
> = {
  kind: chronologyImport,
  context: (database, { reviewId, agency }) => {
    const review = requireOpenReview(database, reviewId);
    return { agencyName: agency, scope: { from: review.scope_from, to: review.scope_to } };
  },
  savedMapping: (database, { reviewId, agency }) => savedMapping(database, reviewId, agency),
  destination: (database, { reviewId, agency }) => {
    const known = listAgencies(database, reviewId).find((a) => a.name.toLowerCase() === agency.toLowerCase());
    return known ? known.name : `${agency} (a new agency in this review)`;
  },
  draft: (entry) => ({
    row: entry.row,
    agencyName: entry.agencyName,
    date: entryDate(entry.date),
    sequence: entry.sequence,
    time: entry.time,
    endDate: entry.endDate,
    endTime: entry.endTime,
    source: entry.source,
    practitioner: entry.practitioner,
    childSeen: entry.childSeen,
    childSeenText: entry.childSeenText,
    event: entry.event,
    action: entry.action,
    significance: entry.significance,
  }),
  flagsDuplicates: true,
  earlierImport: (database, { reviewId }, contentHash) => {
    const earlier = findImportByHash(database, reviewId, contentHash);
    return earlier
      ? {
          importId: earlier.id,
          fileName: earlier.file_name,
          importedAt: earlier.imported_at,
          rows: earlier.rows_imported,
        }
      : null;
  },
  overlap: (database, { reviewId, agency }, rows) => {
    const earlier = importedEntriesOf(database, reviewId, agency);
    if (earlier.length === 0) return null;
    const importOf = new Map<string, string>();
    const imports = new Map<string, { fileName: string; importedAt: string; rows: number; same: number }>();
    for (const entry of earlier) {
      const key = sameRowKey({
        date: {
          qualifier: entry.date_qualifier as ImportedEntry['date']['qualifier'],
          start: entry.date_start,
          end: entry.date_end,
        },
        time: entry.time,
        sequence: entry.sequence,
        event: entry.event,
      });
      importOf.set(key, entry.importId);
      const known = imports.get(entry.importId);
      if (known) known.rows += 1;
      else imports.set(entry.importId, { fileName: entry.fileName, importedAt: entry.importedAt, rows: 1, same: 0 });
    }
    const same = rows.map((row) => {
      const importId = importOf.get(sameRowKey(row));
      const found = importId === undefined ? undefined : imports.get(importId);
      if (found) found.same += 1;
      return found !== undefined;
    });
    // The import most of the rows come from is the one a replacement replaces.
    const [importId, most] = [...imports].reduce((best, next) => (next[1].same > best[1].same ? next : best));
    if (most.same === 0) return null;
    return { importId, fileName: most.fileName, importedAt: most.importedAt, rows: most.rows, same };
  },
  write: async (vault, job) => {
    const written = await writeImport(vault, {
      reviewId: job.target.reviewId,
      agencyName: job.target.agency,
      fileName: job.fileName,
      contentHash: job.contentHash,
      sheet: job.sheet,
      mode: job.mode,
      records: job.rows,
      rowsRejected: job.rowsRejected,
      mapping: job.mapping,
      guard: (database) => {
        job.guard(database);
        if (job.replaces !== null) removeImportInside(vault, job.replaces);
      },
      replaces: job.replaces,
      ...(job.onProgress ? { onProgress: job.onProgress } : {}),
    });
    return { importId: written.importId, possibleDuplicates: written.possibleDuplicates };
  },
};
