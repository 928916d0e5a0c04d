/**
 * The sections of the documents a review produces, in order. Each `prose` section is
 * written by the reviewer (stored in the vault as `Prose`, see prose.ts); each `data`
 * section is built from the review's records; `both` prints the reviewer's prose first
 * and then the records. The order and headings follow published Serious Case Review and
 * Child Safeguarding Practice Review reports: introduction, terms of reference,
 * methodology, family involvement, parallel processes, background, agency involvement
 * and key practice episodes, analysis, findings, recommendations, appendices.
 */

export type SectionSource = 'prose' | 'data' | 'both';

export type ReportSection = {
  id: string;
  heading: string;
  source: SectionSource;
  /** What the reviewer is asked to write here, shown in the editor and, while empty, in the draft. */
  prompt: string;
};

export const REVIEW_REPORT_SECTIONS = [
  {
    id: 'introduction',
    heading: 'Introduction and why the review was held',
    source: 'prose',
    prompt: 'Why the review was held: the incident, the referral and the decision to review.',
  },
  {
    id: 'terms-of-reference',
    heading: 'Terms of reference and scope',
    source: 'both',
    prompt: 'The questions the review set out to answer and the period it covers.',
  },
  {
    id: 'methodology',
    heading: 'Methodology and independence',
    source: 'prose',
    prompt: 'How the review was carried out, who led it and how independence was secured.',
  },
  {
    id: 'family-involvement',
    heading: 'Family involvement',
    source: 'prose',
    prompt: 'How the family were invited to contribute and what they said.',
  },
  {
    id: 'parallel-processes',
    heading: 'Parallel processes',
    source: 'prose',
    prompt: 'Criminal proceedings, inquests and other reviews running alongside this one.',
  },
  {
    id: 'background',
    heading: 'Background and family structure',
    source: 'both',
    prompt: 'The child and family, anonymised, as the agencies knew them.',
  },
  {
    id: 'agency-involvement',
    heading: 'Summary of agency involvement',
    source: 'both',
    prompt: 'The agencies involved and the key practice episodes.',
  },
  {
    id: 'analysis',
    heading: 'Analysis',
    source: 'both',
    prompt: 'Why practice went as it did: the contributory factors.',
  },
  {
    id: 'findings',
    heading: 'Findings and learning',
    source: 'both',
    prompt: 'Introduce the findings; each finding is printed from the analysis.',
  },
  {
    id: 'recommendations',
    heading: 'Recommendations',
    source: 'both',
    prompt: 'Introduce the recommendations; each is printed from the analysis, with its actions.',
  },
] as const satisfies readonly ReportSection[];

/** The seven-minute briefing: the learning summary sent to the workforce after a review. */
export const BRIEFING_SECTIONS = [
  {
    id: 'briefing-case',
    heading: 'The case in brief',
    source: 'both',
    prompt: 'What happened, always anonymised, in a few sentences.',
  },
  {
    id: 'briefing-why',
    heading: 'Why it matters',
    source: 'prose',
    prompt: 'Why this learning matters to practitioners.',
  },
  {
    id: 'briefing-found',
    heading: 'What the review found',
    source: 'both',
    prompt: 'The findings in plain words (drawn from the analysis).',
  },
  {
    id: 'briefing-do',
    heading: 'What to do differently',
    source: 'both',
    prompt: 'What practitioners should do differently (drawn from the recommendations).',
  },
  {
    id: 'briefing-questions',
    heading: 'Questions for reflection',
    source: 'prose',
    prompt: 'Questions for teams to discuss.',
  },
  {
    id: 'briefing-more',
    heading: 'Where to learn more',
    source: 'prose',
    prompt: 'The full report, procedures and training.',
  },
] as const satisfies readonly ReportSection[];

export type ReviewReportSectionId = (typeof REVIEW_REPORT_SECTIONS)[number]['id'];
export type BriefingSectionId = (typeof BRIEFING_SECTIONS)[number]['id'];
export type ProseSectionId = ReviewReportSectionId | BriefingSectionId;

export const PROSE_SECTION_IDS: readonly ProseSectionId[] = [
  ...REVIEW_REPORT_SECTIONS.map((section) => section.id),
  ...BRIEFING_SECTIONS.map((section) => section.id),
];
