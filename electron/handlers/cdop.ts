import * as cases from '../../db/cdop-cases.js';
import { cdopStatistics, cdopTrend } from '../../db/cdop-statistics.js';
import type { CdopImportPreviewResult, cdopChannels } from '../../shared/api/channels/cdop.js';
import { CasebookError } from '../../shared/api/errors.js';
import type { Expectedness, ModifiableOutcome, Sex } from '../../shared/cdop/case.js';
import { CDOP_IMPORT_FIELDS } from '../../shared/cdop/import-fields.js';
import type { ImportPreview } from '../../shared/import/problems.js';
import {
  CDOP_KNOWN_HEADERS,
  type CdopImportRow,
  CdopPreviewStore,
  checkCdopRows,
  commitCdopImport,
  existingReferences,
  matchCdopColumns,
} from '../services/cdop-import.js';
import { exportCdopStatisticsForChannel } from '../services/cdop-statistics-export.js';
import { readTable } from '../services/import/read-table.js';
import type { AppContext, HandlersFor } from './types.js';

/** How many valid rows the preview shows as they will be stored. */
const SAMPLE_ROWS = 10;

export function cdopHandlers({ session, events }: AppContext): HandlersFor<typeof cdopChannels> {
  const vault = () => session.current();
  const database = () => session.current().database;
  const previews = new CdopPreviewStore();
  // A held preview is case data: it goes when the vault locks, like everything else in memory.
  events.subscribe((event) => {
    if (event.name === 'vault.locked') previews.clear();
  });

  const check = (previewId: string): { result: CdopImportPreviewResult; preview: ImportPreview<CdopImportRow> } => {
    const held = previews.get(previewId);
    const { table } = held;
    const match = matchCdopColumns(table);
    const preview: ImportPreview<CdopImportRow> =
      match.missingRequired.length > 0
        ? { valid: [], problems: [], counts: { rows: table.rows.length, valid: 0, rejected: 0, withWarnings: 0 } }
        : checkCdopRows(table, match, existingReferences(database()));
    return {
      preview,
      result: {
        previewId: held.id,
        fileName: held.fileName,
        format: table.format,
        sheets: table.sheets,
        sheet: table.sheet,
        headerRowNumber: table.headerRowNumber,
        headers: table.headers,
        fields: CDOP_IMPORT_FIELDS.map(({ field, label, required }) => ({ field, label, required })),
        mapping: match.mapping,
        matchedBy: match.matchedBy,
        missingRequired: match.missingRequired,
        unmatchedHeaders: match.unmatchedHeaders,
        counts: preview.counts,
        problems: preview.problems,
        sampleRows: preview.valid.slice(0, SAMPLE_ROWS).map(({ row, value }) => ({
          row,
          reference: value.reference,
          dateOfBirth: value.date_of_birth,
          dateOfDeath: value.date_of_death,
          sex: value.sex as Sex,
          ethnicity: value.ethnicity,
          expected: value.expected as Expectedness | null,
          category: value.category,
          modifiable: value.modifiable as ModifiableOutcome | null,
          dateNotified: value.date_notified,
          dateReviewCompleted: value.date_review_completed,
        })),
      },
    };
  };

  return {
    'cdop.case.create': (input) => cases.createCase(vault(), input),
    'cdop.case.update': (input) => cases.updateCase(vault(), input),
    'cdop.case.get': ({ id }) => cases.getCase(database(), id),
    'cdop.case.list': (filter) => cases.listCases(database(), filter),
    'cdop.case.setStatus': (input) => cases.setStatus(vault(), input),
    'cdop.case.setCategory': (input) => cases.setCategory(vault(), input),
    'cdop.case.setOutcome': (input) => cases.setOutcome(vault(), input),
    'cdop.case.setReferral': (input) => cases.setReferral(vault(), input),
    'cdop.factor.add': (input) => cases.addFactor(vault(), input),
    'cdop.factor.update': (input) => cases.updateFactor(vault(), input),
    'cdop.factor.remove': ({ id }) => cases.removeFactor(vault(), id),
    'cdop.agencyReport.request': (input) => cases.requestAgencyReport(vault(), input),
    'cdop.agencyReport.update': (input) => cases.updateAgencyReport(vault(), input),
    'cdop.agencyReport.remove': ({ id }) => cases.removeAgencyReport(vault(), id),
    'cdop.panelMeeting.add': (input) => cases.addPanelMeeting(vault(), input),
    'cdop.panelMeeting.remove': (input) => cases.removePanelMeeting(vault(), input),
    'cdop.learningPoint.add': (input) => cases.addLearningPoint(vault(), input),
    'cdop.learningPoint.update': (input) => cases.updateLearningPoint(vault(), input),
    'cdop.learningPoint.remove': ({ id }) => cases.removeLearningPoint(vault(), id),
    'cdop.recommendation.add': (input) => cases.addRecommendation(vault(), input),
    'cdop.recommendation.update': (input) => cases.updateRecommendation(vault(), input),
    'cdop.recommendation.remove': ({ id }) => cases.removeRecommendation(vault(), id),
    'cdop.panelPack': ({ meetingDate }) => cases.panelPack(database(), meetingDate),
    'cdop.statistics': ({ from, to }) => cdopStatistics(database(), from, to),
    'cdop.statistics.trend': ({ from, to }) => cdopTrend(database(), from, to),
    'cdop.statistics.export': (input) => exportCdopStatisticsForChannel(vault(), input),
    'cdop.previewImport': async ({ fileName, contentBase64, sheet }) => {
      session.current();
      const bytes = Buffer.from(contentBase64, 'base64');
      const table = await readTable(
        { fileName, bytes },
        { knownHeaders: CDOP_KNOWN_HEADERS, ...(sheet === undefined ? {} : { sheet }) },
      );
      return check(previews.add(fileName, table).id).result;
    },
    'cdop.commitImport': ({ previewId, mode }) => {
      const { result, preview } = check(previewId);
      if (result.missingRequired.length > 0) {
        throw new CasebookError(
          'invalid_payload',
          `the file has no column for ${result.missingRequired.join(', ')}: nothing was imported`,
        );
      }
      const committed = commitCdopImport(vault(), preview, mode);
      // Written (or refused as a whole): either way this preview is finished with.
      if (committed.imported > 0 || mode === 'skip-invalid') previews.discard(previewId);
      return { ...committed, warnings: committed.imported > 0 ? result.counts.withWarnings : 0, mode };
    },
    'cdop.discardPreview': ({ previewId }) => ({ discarded: previews.discard(previewId) }),
  };
}
