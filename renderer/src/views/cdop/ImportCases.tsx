import { SEX_LABELS } from '../../../../shared/cdop/case.js';
import type { ImportedCase } from '../../../../shared/import/cdop.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDate } from '../../format.js';
import { navigate } from '../../router.js';
import { type ImportScreenKind, ImportWizard } from '../import/ImportWizard.js';
import { cdopPath } from './routes.js';

/** Historical cases from a spreadsheet, through the import wizard every import uses. */

const CDOP_SCREEN: ImportScreenKind<ImportedCase> = {
  prefix: 'cdop',
  title: 'Choose the spreadsheet',
  rows: { one: 'case', many: 'cases' },
  fileLabel: 'Spreadsheet (.csv or .xlsx)',
  fileHint:
    'A CSV file or an Excel workbook (.xlsx) with a row per case: its reference, dates of birth, death and notification, and sex at least.',
  remembered: 'for the next file',
  doneLabel: 'Back to child deaths',
  sampleColumns: [
    { header: 'Reference', cell: (row) => row.reference },
    { header: 'Date of birth', cell: (row) => formatDate(row.dateOfBirth) },
    { header: 'Date of death', cell: (row) => formatDate(row.dateOfDeath) },
    { header: 'Sex', cell: (row) => SEX_LABELS[row.sex] },
    { header: 'Category', cell: (row) => row.category ?? '—' },
    {
      header: 'Review completed',
      cell: (row) => (row.dateReviewCompleted ? formatDate(row.dateReviewCompleted) : 'Not yet reviewed'),
    },
  ],
};

export function ImportCases() {
  return (
    <div className="cdop">
      <PageHeading title="Import historical cases">Import historical cases</PageHeading>
      <p>
        <a href={cdopPath.list()}>Back to child deaths</a>
      </p>
      <ImportWizard
        kind={CDOP_SCREEN}
        target={() => ({ ok: true, value: {} })}
        onClose={() => navigate(cdopPath.list())}
        resultActions={(result) =>
          result.imported > 0 ? (
            <a className="button-link" href={cdopPath.list()}>
              See the imported cases
            </a>
          ) : null
        }
      />
    </div>
  );
}
