import './report.css';
import { useId } from 'react';
import type { Review, SectionProse } from '../../../../shared/api/contract.js';
import { BRIEFING_SECTIONS, REVIEW_REPORT_SECTIONS, type ReportSection } from '../../../../shared/reports/sections.js';
import { Pending } from '../../components/Pending.js';
import { hashSegments, useHash } from '../../router.js';
import { useData } from '../../state/data.js';
import { ReviewWordExport } from '../reports/WordExport.js';
import { reviewsPath } from '../reviews/routes.js';
import { SectionEditor } from './SectionEditor.js';

/**
 * A review's Report tab (`#/reviews/<id>/report`, and `/report/briefing` for the
 * seven-minute briefing): the document's sections in order, each with its prompt,
 * what it prints from the review's records, and the reviewer's own text.
 */

type Part = 'report' | 'briefing';

export function reportPath(reviewId: string, part: Part): string {
  const path = reviewsPath.detail(reviewId, 'report');
  return part === 'briefing' ? `${path}/briefing` : path;
}

const PARTS: { id: Part; label: string }[] = [
  { id: 'report', label: 'Review report' },
  { id: 'briefing', label: 'Seven-minute briefing' },
];

export function ReportTab({ review }: { review: Review }) {
  const part: Part = hashSegments(useHash())[3] === 'briefing' ? 'briefing' : 'report';
  const prose = useData('report.prose', { reviewId: review.id });
  const records = useData('report.records', { reviewId: review.id });
  const headingId = useId();
  const sections: readonly ReportSection[] = part === 'briefing' ? BRIEFING_SECTIONS : REVIEW_REPORT_SECTIONS;
  const title = PARTS.find((candidate) => candidate.id === part)?.label;

  return (
    <section aria-labelledby={headingId} className="report">
      <nav aria-label="Documents of the review" className="report-parts">
        {PARTS.map((candidate) => (
          <a
            key={candidate.id}
            href={reportPath(review.id, candidate.id)}
            aria-current={candidate.id === part ? 'page' : undefined}
          >
            {candidate.label}
          </a>
        ))}
      </nav>
      <h2 id={headingId}>{title}</h2>
      <p className="hint">
        {part === 'briefing'
          ? 'The two-page learning summary sent to the workforce. '
          : 'The sections of the report in order. '}
        Your text is saved automatically a second after you stop typing, and when you leave a section.
      </p>
      <ReviewWordExport reviewId={review.id} />
      {prose.value ? (
        sections.map((section, index) => (
          <ReportSectionPart
            key={section.id}
            number={index + 1}
            section={section}
            reviewId={review.id}
            saved={prose.value?.sections.find((one) => one.sectionId === section.id)}
            records={part === 'report' ? records.value?.[section.id as keyof typeof records.value] : undefined}
            readOnly={review.archived}
          />
        ))
      ) : (
        <Pending data={prose} loading="Loading the report…" />
      )}
    </section>
  );
}

function ReportSectionPart({
  number,
  section,
  reviewId,
  saved,
  records,
  readOnly,
}: {
  number: number;
  section: ReportSection;
  reviewId: string;
  saved: SectionProse | undefined;
  records: string | undefined;
  readOnly: boolean;
}) {
  const headingId = useId();
  const promptId = useId();
  return (
    <section className="report-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {number}. {section.heading}
      </h3>
      <p className="hint" id={promptId}>
        {section.prompt}
        {saved?.drawnFrom ? ` Drawn from ${saved.drawnFrom} until you change it.` : ''}
      </p>
      {records ? (
        <p className="report-records">
          <strong>From the review's records:</strong> {records}
        </p>
      ) : null}
      {saved ? (
        <SectionEditor reviewId={reviewId} section={section} saved={saved} promptId={promptId} readOnly={readOnly} />
      ) : null}
    </section>
  );
}
