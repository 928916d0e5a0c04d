import { readAnalysis } from '../../../db/analysis.js';
import { listEpisodes } from '../../../db/key-practice-episodes.js';
import { listPeople } from '../../../db/people.js';
import { getReview } from '../../../db/reviews.js';
import type { Vault } from '../../../db/vault.js';
import type { Person, Review } from '../../../shared/api/channels/reviews.js';
import { formatIsoUk } from '../../../shared/dates/fuzzy-date.js';
import type { Prose } from '../../../shared/reports/prose.js';
import { isProseEmpty } from '../../../shared/reports/prose.js';
import { BRIEFING_SECTIONS, REVIEW_REPORT_SECTIONS, type ReportSection } from '../../../shared/reports/sections.js';
import { parseTermsOfReference } from '../../../shared/reviews/terms.js';
import { chronologyExportTable } from '../chronology-export.js';
import { episodeAccountBlocks, findingBlocks, recommendationBlocks } from './analysis-blocks.js';
import type { DocumentStatus, ReportBlock, ReportModel, ReportPart } from './model.js';

/**
 * The review report (SCR, CSPR, learning review) and the seven-minute briefing as
 * report models, from the review's records and the reviewer's prose. Where the
 * reviewer has not written a section yet, the draft says so, with what to write.
 * People appear by pseudonym and role only, in every export; anonymisation
 * (./export.ts) then catches names typed into free text.
 */

/** The reviewer's stored prose for a section, or null while unwritten. */
export type ProseOf = (sectionId: string) => Prose | null;

export interface ReviewReportInput {
  vault: Pick<Vault, 'database'>;
  reviewId: string;
  status: DocumentStatus;
  marking: string;
  boardName: string;
  description: string;
  prose: ProseOf;
  /** Today's date (ISO), from which an action is shown overdue. */
  today: string;
  /**
   * The analysis diagram drawn for this export (anonymised already when the export
   * is), or null when the analysis has nothing to draw. It is drawn by the caller, as
   * drawing is asynchronous and this model is not.
   */
  diagram: { png: Uint8Array; width: number; height: number } | null;
}

/**
 * The chronology columns in the Word appendix: the spreadsheet export's, weighted to fit a
 * landscape page, each wide enough that its header and a one-word agency ("Maternity") do not
 * break mid-word (checked on LibreOffice's PDF pages).
 */
const CHRONOLOGY_WIDTHS = [4, 9, 9, 7, 10, 5, 15, 10, 10, 9, 8, 6, 8, 5];

function period(review: Review): string {
  if (review.scopeFrom && review.scopeTo) return `${formatIsoUk(review.scopeFrom)} to ${formatIsoUk(review.scopeTo)}`;
  if (review.scopeFrom) return `from ${formatIsoUk(review.scopeFrom)}`;
  if (review.scopeTo) return `up to ${formatIsoUk(review.scopeTo)}`;
  return 'Not yet set';
}

function termsBlocks(review: Review): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (const block of parseTermsOfReference(review.termsOfReference)) {
    if (block.kind === 'heading') blocks.push({ type: 'heading', level: 2, text: block.text });
    else if (block.kind === 'paragraph') blocks.push({ type: 'paragraph', text: block.text });
    else {
      const type = block.kind === 'bullets' ? 'bullet' : 'number';
      blocks.push({ type: 'prose', prose: block.items.map((text) => ({ type, depth: 0, content: [{ text }] })) });
    }
  }
  return blocks.length > 0 ? blocks : [{ type: 'placeholder', text: 'The terms of reference have not been recorded.' }];
}

const glossary = (people: Person[]): ReportBlock =>
  people.length === 0
    ? { type: 'paragraph', text: 'No people have been recorded for this review.' }
    : {
        type: 'table',
        headers: ['Referred to as', 'Role', 'Relationship to the child', 'Agency'],
        rows: people.map((person) => [
          person.pseudonym,
          person.roleLabel,
          person.relationship ?? '',
          person.agency ?? '',
        ]),
        widths: [2, 2, 3, 3],
      };

const agencies = (review: Review): ReportBlock =>
  review.agencies.length === 0
    ? { type: 'paragraph', text: 'No agencies have been recorded for this review.' }
    : {
        type: 'prose',
        prose: review.agencies.map((agency) => ({ type: 'bullet', depth: 0, content: [{ text: agency.name }] })),
      };

/** The section's heading, then the reviewer's prose or a marked placeholder (for prose and both). */
function sectionStart(section: ReportSection, prose: ProseOf): ReportBlock[] {
  const blocks: ReportBlock[] = [{ type: 'heading', level: 1, text: section.heading }];
  if (section.source === 'data') return blocks;
  const written = prose(section.id);
  blocks.push(
    isProseEmpty(written) || !written
      ? { type: 'placeholder', text: section.prompt }
      : { type: 'prose', prose: written },
  );
  return blocks;
}

export function reviewReportModel(input: ReviewReportInput): ReportModel {
  const { database } = input.vault;
  const review = getReview(database, input.reviewId);
  const people = listPeople(database, input.reviewId);
  const episodes = listEpisodes(database, input.reviewId);
  const analysis = readAnalysis(database, { kind: 'review', id: input.reviewId });
  const accounts = new Map(analysis.episodes.map((episode) => [episode.id, episode]));

  const data: Record<string, ReportBlock[]> = {
    'terms-of-reference': [
      {
        type: 'facts',
        rows: [
          ['Review', review.typeLabel],
          ['Period under review', period(review)],
          ['Lead reviewer(s)', review.leadReviewers.join(', ') || 'Not yet recorded'],
        ],
      },
      { type: 'paragraph', text: 'The terms of reference are set out in full in Appendix A.' },
    ],
    background: [
      {
        type: 'paragraph',
        text: 'The people in this report are referred to as follows (see the glossary in Appendix C).',
      },
      glossary(people),
    ],
    'agency-involvement': [
      { type: 'heading', level: 2, text: 'Agencies involved' },
      agencies(review),
      { type: 'heading', level: 2, text: 'Key practice episodes' },
      ...(episodes.length === 0
        ? [{ type: 'placeholder', text: 'No key practice episodes have been identified yet.' } as ReportBlock]
        : episodes.flatMap((episode, index): ReportBlock[] => [
            { type: 'heading', level: 3, text: `Episode ${index + 1}: ${episode.title}` },
            {
              type: 'paragraph',
              text: `${episode.from ? formatIsoUk(episode.from) : 'Start not set'} to ${episode.to ? formatIsoUk(episode.to) : 'end not set'}; ${episode.entryIds.length} chronology entr${episode.entryIds.length === 1 ? 'y' : 'ies'}.`,
            },
            ...(episode.description ? [{ type: 'paragraph', text: episode.description } as ReportBlock] : []),
            ...episodeAccountBlocks(accounts.get(episode.id)),
          ])),
    ],
    findings: findingBlocks(input.vault, analysis),
    recommendations: recommendationBlocks(analysis, input.today),
  };

  const body: ReportBlock[] = REVIEW_REPORT_SECTIONS.flatMap((section) => [
    ...sectionStart(section, input.prose),
    ...(section.source === 'prose' ? [] : (data[section.id] ?? [])),
  ]);
  const appendices: ReportBlock[] = [
    { type: 'heading', level: 1, text: 'Appendix A: Terms of reference' },
    ...termsBlocks(review),
    { type: 'heading', level: 1, text: 'Appendix B: Agencies involved' },
    agencies(review),
    { type: 'heading', level: 1, text: 'Appendix C: Glossary of role codes' },
    glossary(people),
  ];
  const chronology = chronologyExportTable(input.vault, input.reviewId, { anonymise: false });
  // The chronology is streamed, so it is always the last appendix: the diagram comes before it.
  const diagram: ReportBlock[] = input.diagram
    ? [
        { type: 'heading', level: 1, text: 'Appendix D: Analysis diagram' },
        {
          type: 'image',
          ...input.diagram,
          caption:
            'Figure 1: the analysis, from the evidence (chronology entries and key practice episodes) through the contributory factors and findings to the recommendations and actions.',
        },
      ]
    : [];
  const parts: ReportPart[] = [
    { orientation: 'portrait', blocks: [...body, ...appendices] },
    {
      orientation: 'landscape',
      blocks: [
        ...diagram,
        { type: 'heading', level: 1, text: `Appendix ${input.diagram ? 'E' : 'D'}: Integrated chronology` },
        chronology.rows.length === 0
          ? { type: 'paragraph', text: 'The chronology has no entries yet.' }
          : {
              type: 'table',
              headers: chronology.headers,
              rows: chronology.rows,
              widths: CHRONOLOGY_WIDTHS,
              streamed: true,
            },
      ],
    },
  ];
  return {
    title: review.title,
    subtitle: [input.boardName, review.typeLabel].filter((line) => line.trim() !== ''),
    status: input.status,
    marking: input.marking,
    titlePage: true,
    contents: true,
    description: input.description,
    parts,
  };
}

/** Two pages for the workforce: the reviewer's words where written, else drawn from the review. */
export function briefingModel(input: ReviewReportInput): ReportModel {
  const { database } = input.vault;
  const review = getReview(database, input.reviewId);
  const child = listPeople(database, input.reviewId).find((person) => person.role === 'child');
  const drawn: Record<string, ReportBlock[]> = {
    'briefing-case': [
      {
        type: 'paragraph',
        text:
          `This ${review.typeLabel} looked at how agencies worked with ${child?.pseudonym ?? 'the child'} and their family ` +
          `(period under review: ${period(review)}). ${review.agencies.length} agenc${review.agencies.length === 1 ? 'y was' : 'ies were'} involved.`,
      },
    ],
    'briefing-found': [{ type: 'placeholder', text: 'The findings are drawn from the analysis once recorded.' }],
    'briefing-do': [
      { type: 'placeholder', text: 'What to do differently is drawn from the recommendations once recorded.' },
    ],
  };
  const blocks = BRIEFING_SECTIONS.flatMap((section): ReportBlock[] => {
    const written = input.prose(section.id);
    const heading: ReportBlock = { type: 'heading', level: 2, text: section.heading };
    if (written && !isProseEmpty(written)) return [heading, { type: 'prose', prose: written }];
    return [heading, ...(drawn[section.id] ?? [{ type: 'placeholder', text: section.prompt }])];
  });
  return {
    title: `Seven-minute briefing: ${review.title}`,
    subtitle: [input.boardName, review.typeLabel].filter((line) => line.trim() !== ''),
    status: input.status,
    marking: input.marking,
    titlePage: false,
    contents: false,
    description: input.description,
    parts: [{ orientation: 'portrait', blocks }],
  };
}
