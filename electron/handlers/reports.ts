import { listVersions, signOffVersion } from '../../db/report-versions.js';
import type { reportsChannels, WordDocumentExport } from '../../shared/api/channels/reports.js';
import {
  exportCdopRecord,
  exportReviewDocument,
  type RefusedExport,
  type WordExport,
} from '../services/reports/export.js';
import type { AppContext, HandlersFor } from './types.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function forWindow(result: WordExport | RefusedExport): WordDocumentExport {
  if ('refused' in result) {
    return {
      fileName: '',
      mimeType: DOCX,
      contentBase64: '',
      version: null,
      final: false,
      anonymised: true,
      leaks: result.leaks,
    };
  }
  return {
    fileName: result.fileName,
    mimeType: DOCX,
    contentBase64: result.content.toString('base64'),
    version: result.version,
    final: result.final,
    anonymised: result.anonymised,
    leaks: [],
  };
}

/**
 * The window saves the file itself (as the chronology export does); the export
 * works in steps that yield to the event loop and reports them as `report.progress`.
 */
export function reportsHandlers({ session, events }: AppContext): HandlersFor<typeof reportsChannels> {
  return {
    'reports.export': async ({ exportId, ...input }) =>
      forWindow(
        await exportReviewDocument(
          session.current(),
          { ...input, onProgress: (update) => events.emit('report.progress', { exportId, ...update }) },
          () => undefined,
        ),
      ),
    'reports.versions': ({ reviewId }) => listVersions(session.current().database, reviewId),
    'reports.signOff': (input) => signOffVersion(session.current(), input),
    'cdop.record.export': async ({ exportId, ...input }) =>
      forWindow(
        await exportCdopRecord(
          session.current(),
          { ...input, onProgress: (update) => events.emit('report.progress', { exportId, ...update }) },
          () => undefined,
        ),
      ),
  };
}
