import type { Review } from '../../../../shared/api/contract.js';

/**
 * Where the report or the briefing is exported to Word. The export itself (with its
 * versions, anonymisation and leak check) is built separately; until it is here this
 * says what the export will do.
 */
export function ReportExport({ kind }: { review: Review; kind: 'report' | 'briefing' }) {
  return (
    <div className="report-export">
      <p className="muted">
        {kind === 'briefing'
          ? 'The briefing is exported to Word with the case in brief always anonymised.'
          : 'The report is exported to Word with your formatting and the sections drawn from the records.'}{' '}
        Export is not available in this version yet.
      </p>
    </div>
  );
}
