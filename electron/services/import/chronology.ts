import { entryDate, findImportByHash, savedMapping, writeImport } from '../../../db/chronology.js';
import { listAgencies, requireOpenReview } from '../../../db/reviews.js';
import type { EntryDraft } from '../../../shared/api/channels/chronology.js';
import type { ChronologyField } from '../../../shared/chronology/fields.js';
import {
  type ChronologyImportContext,
  chronologyImport,
  type ImportedEntry,
} from '../../../shared/import/chronology.js';
import type { ImportBinding } from './engine.js';

/**
 * The chronology kind's vault side: the review's scope for the row check, the
 * agency's saved mapping, earlier imports of the same file, and the writer
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
      guard: job.guard,
      ...(job.onProgress ? { onProgress: job.onProgress } : {}),
    });
    return { importId: written.importId, possibleDuplicates: written.possibleDuplicates };
  },
};
