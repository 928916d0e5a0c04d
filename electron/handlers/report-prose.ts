import { getReportProse, saveSectionProse } from '../../db/report-prose.js';
import { reportRecordsSummary } from '../../db/report-records.js';
import type { reportProseChannels } from '../../shared/api/channels/report-prose.js';
import type { AppContext, HandlersFor } from './types.js';

export function reportProseHandlers({ session }: AppContext): HandlersFor<typeof reportProseChannels> {
  return {
    'report.prose': ({ reviewId }) => getReportProse(session.current().database, reviewId),
    'report.saveProse': (input) => saveSectionProse(session.current(), input),
    'report.records': ({ reviewId }) => reportRecordsSummary(session.current().database, reviewId),
  };
}
