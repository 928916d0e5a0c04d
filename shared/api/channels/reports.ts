import { z } from 'zod';
import { REPORT_KINDS, type ReportVersion, SIGN_OFF_DECISIONS } from '../../reports/versions.js';
import { channel } from '../channel.js';
import { id, isoDate, optionalText, requiredText } from '../fields.js';

/** Word documents: a review's report and briefing (versions, sign-off) and a CDOP case's record. */

export interface WordDocumentExport {
  fileName: string;
  mimeType: string;
  /** Empty when the leak check refused the export. */
  contentBase64: string;
  /** The review document's version; null for a case record. */
  version: number | null;
  final: boolean;
  anonymised: boolean;
  /** Where each personal detail left in an anonymised document is; non-empty means refused, nothing kept. */
  leaks: string[];
}

export interface ReportEvents {
  /** While a document is built and written; `exportId` is the one the request gave. */
  'report.progress': {
    exportId: string;
    stage: 'building' | 'writing' | 'checking' | 'saving';
    done: number;
    total: number;
  };
}

const exportId = z.string().trim().min(1).max(100);
const unlocked = { requiresUnlocked: true };

export const reportsChannels = {
  'reports.export': channel<WordDocumentExport>()(
    z.object({ reviewId: id('review'), kind: z.enum(REPORT_KINDS), anonymise: z.boolean(), exportId }).strict(),
    unlocked,
  ),
  'reports.versions': channel<ReportVersion[]>()(z.object({ reviewId: id('review') }).strict(), unlocked),
  'reports.signOff': channel<ReportVersion>()(
    z
      .object({
        reviewId: id('review'),
        version: z.number().int().min(1),
        role: requiredText('role', 200),
        decision: z.enum(SIGN_OFF_DECISIONS),
        conditions: optionalText('conditions', 5000).default(null),
        signedOn: isoDate('Date of the decision'),
      })
      .strict(),
    unlocked,
  ),
  'cdop.record.export': channel<WordDocumentExport>()(
    z.object({ caseId: id('case'), anonymise: z.boolean(), exportId }).strict(),
    unlocked,
  ),
} as const;
