import ExcelJS from 'exceljs';
import { actionBoard, type BoardFilter } from '../../db/analysis.js';
import { auditChainHead } from '../../db/audit.js';
import type { Vault } from '../../db/vault.js';
import { ACTION_STATUS_LABELS } from '../../shared/analysis/model.js';
import type { ActionPlanExport } from '../../shared/api/channels/analysis.js';
import { todayIso } from '../../shared/dates/iso-date.js';
import { formatAuditAnchor } from './audit-anchor.js';

/**
 * The action plan (the action board's rows, as filtered) as an .xlsx workbook for
 * the board's monitoring: one row per action, overdue worked out from today's local
 * date. Like every export it carries the protective marking and, in its document
 * properties, the audit anchor; the export is audited once the file is built.
 */

const MARKING = 'OFFICIAL-SENSITIVE';
const MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const COLUMNS = [
  { header: 'Review or case', width: 28 },
  { header: 'Recommendation', width: 40 },
  { header: 'Action', width: 40 },
  { header: 'Owner agency', width: 20 },
  { header: 'Owner role', width: 20 },
  { header: 'Due', width: 12 },
  { header: 'Status', width: 14 },
  { header: 'Overdue', width: 10 },
  { header: 'Outcome measure', width: 36 },
  { header: 'Evidence recorded', width: 12 },
  { header: 'Latest evidence', width: 14 },
];

export async function exportActionPlan(
  vault: Pick<Vault, 'database' | 'write'>,
  filter: BoardFilter,
  now: Date = new Date(),
): Promise<ActionPlanExport> {
  const actions = actionBoard(vault.database, filter, todayIso(now));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Casebook';
  workbook.created = now;
  workbook.description = formatAuditAnchor(auditChainHead(vault.database));
  const sheet = workbook.addWorksheet('Action plan', {
    headerFooter: { oddHeader: `&C&B${MARKING}`, oddFooter: `&L&B${MARKING}&RPage &P of &N` },
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));
  sheet.addRow([`${MARKING} - Action plan at ${todayIso(now)}`]).font = { bold: true, size: 12 };
  const header = sheet.addRow(COLUMNS.map((column) => column.header));
  header.font = { bold: true };
  for (const action of actions) {
    sheet.addRow([
      action.owner.title,
      action.recommendations.join('\n'),
      action.text,
      action.ownerAgency ?? '',
      action.ownerRole ?? '',
      action.dueOn ?? '',
      ACTION_STATUS_LABELS[action.status],
      action.overdue ? 'Overdue' : '',
      action.outcomeMeasure ?? '',
      action.evidenceCount,
      action.latestEvidenceOn ?? '',
    ]).alignment = { vertical: 'top', wrapText: true };
  }
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 0 }];
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  vault.write(
    { entity: 'analysis_action', action: 'action plan exported', detail: { actions: actions.length } },
    () => undefined,
  );
  return {
    fileName: `action-plan-${todayIso(now)}.xlsx`,
    mimeType: MIME,
    contentBase64: content.toString('base64'),
    actions: actions.length,
  };
}
