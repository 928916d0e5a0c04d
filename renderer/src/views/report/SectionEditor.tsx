import { useId, useRef } from 'react';
import type { SectionProse } from '../../../../shared/api/contract.js';
import type { Prose } from '../../../../shared/reports/prose.js';
import type { ReportSection } from '../../../../shared/reports/sections.js';
import { errorMessage } from '../../api/client.js';
import { ProseEditor } from '../../components/prose/ProseEditor.js';
import { SaveStatus } from '../../components/prose/SaveStatus.js';
import { useAutosave } from '../../components/prose/useAutosave.js';
import { updateData, useChange } from '../../state/data.js';

/**
 * One section's prose, saved as the reviewer types (useAutosave). Each save names
 * the version it started from, so a save over text saved meanwhile from another
 * window is refused and said, rather than overwriting it.
 */
export function SectionEditor({
  reviewId,
  section,
  saved,
  promptId,
  readOnly,
}: {
  reviewId: string;
  section: ReportSection;
  saved: SectionProse;
  promptId: string;
  readOnly: boolean;
}) {
  const statusId = useId();
  const version = useRef(saved.version);
  const { run } = useChange();
  const autosave = useAutosave<Prose>(async (prose) => {
    const outcome = await run('report.saveProse', {
      reviewId,
      sectionId: saved.sectionId,
      prose,
      baseVersion: version.current,
    });
    if (!outcome.ok) return { ok: false, error: errorMessage(outcome.error) };
    const stored = outcome.value;
    version.current = stored.version;
    // Coming back to the report shows what was saved, not the text it was opened with.
    updateData('report.prose', (report) =>
      report.reviewId === reviewId
        ? { ...report, sections: report.sections.map((one) => (one.sectionId === stored.sectionId ? stored : one)) }
        : report,
    );
    return { ok: true, savedAt: stored.updatedAt ?? new Date().toISOString() };
  }, saved.updatedAt);

  return (
    <>
      <ProseEditor
        label={section.heading}
        value={saved.prose}
        onChange={autosave.change}
        onBlur={autosave.flush}
        placeholder={readOnly ? 'Nothing written.' : 'Write here…'}
        describedBy={`${promptId} ${statusId}`}
        readOnly={readOnly}
      />
      {readOnly ? null : <SaveStatus state={autosave.state} id={statusId} onRetry={autosave.flush} />}
    </>
  );
}
