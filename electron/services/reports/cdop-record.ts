import type { AnonymisePerson } from '../../../shared/anonymise/names.js';
import type { CdopCaseDetail } from '../../../shared/api/channels/cdop.js';
import { CASE_STATUS_LABELS, PLACES_OF_DEATH, SEX_LABELS } from '../../../shared/cdop/case.js';
import { AGE_BAND_LABELS } from '../../../shared/cdop/dates.js';
import { CATEGORIES_OF_DEATH, getForm } from '../../../shared/cdop/forms/index.js';
import { formatIsoUk } from '../../../shared/dates/fuzzy-date.js';
import type { DocumentStatus, ReportBlock, ReportModel } from './model.js';

/**
 * One child death's review as the panel records it: the notification summary,
 * the factors by domain with their grades, the category, the modifiable outcome,
 * the learning and the recommendations. Anonymised, the child is "the child"
 * with the case reference, and the identifying details (name, NHS number, date of
 * birth, postcode) are left out rather than replaced; the leak check then looks
 * for all four in the finished file.
 */

/** The child as anonymisation and the leak check see them. */
export function cdopRecordPeople(detail: CdopCaseDetail): AnonymisePerson[] {
  return [
    {
      name: detail.childName,
      pseudonym: 'the child',
      role: 'child',
      nhsNumber: detail.nhsNumber,
      dateOfBirth: detail.dateOfBirth,
      postcode: detail.homePostcode,
    },
  ];
}

const yesNo = (value: boolean | null) => (value === null ? 'Not recorded' : value ? 'Yes' : 'No');

function age(detail: CdopCaseDetail): string {
  const { years, months, days } = detail.age;
  if (years > 0) return `${years} year${years === 1 ? '' : 's'} ${months} month${months === 1 ? '' : 's'}`;
  if (months > 0) return `${months} month${months === 1 ? '' : 's'} ${days} day${days === 1 ? '' : 's'}`;
  return `${days} day${days === 1 ? '' : 's'}`;
}

export function cdopRecordModel(
  detail: CdopCaseDetail,
  options: { anonymise: boolean; status: DocumentStatus; marking: string; boardName: string; description: string },
): ReportModel {
  const form = getForm(detail.formVersion);
  const identity: [string, string][] = options.anonymise
    ? [['Child', 'the child (identifying details withheld)']]
    : [
        ['Child', detail.childName],
        ['NHS number', detail.nhsNumber ?? 'Not recorded'],
        ['Date of birth', formatIsoUk(detail.dateOfBirth)],
        ['Home postcode', detail.homePostcode ?? 'Not recorded'],
      ];
  const summary: ReportBlock = {
    type: 'facts',
    rows: [
      ['Case reference', detail.reference],
      ...identity,
      ['Sex', SEX_LABELS[detail.sex]],
      [
        'Age at death',
        options.anonymise ? (detail.ageBand ? AGE_BAND_LABELS[detail.ageBand] : 'Not known') : age(detail),
      ],
      ['Date of death', formatIsoUk(detail.dateOfDeath)],
      ['Place of death', PLACES_OF_DEATH.find((place) => place.code === detail.placeOfDeath)?.label ?? 'Not recorded'],
      [
        'Expected or unexpected',
        detail.expected ? (detail.expected === 'expected' ? 'Expected' : 'Unexpected') : 'Not recorded',
      ],
      ['Joint agency response', yesNo(detail.jointAgencyResponse)],
      ['Post-mortem', yesNo(detail.postMortem)],
      ['Notified', formatIsoUk(detail.dateNotified)],
      ['Review completed', detail.dateReviewCompleted ? formatIsoUk(detail.dateReviewCompleted) : 'Not yet'],
      ['Status', CASE_STATUS_LABELS[detail.status]],
    ],
  };
  const grade = (code: string) => form.grades.find((item) => item.code === code)?.label ?? code;
  const factors: ReportBlock[] = form.domains.flatMap((domain): ReportBlock[] => {
    const inDomain = detail.factors.filter((factor) => factor.domain === domain.code);
    return [
      { type: 'heading', level: 2, text: `${domain.code}. ${domain.label}` },
      inDomain.length === 0
        ? { type: 'paragraph', text: 'No factors recorded in this domain.' }
        : {
            type: 'table',
            headers: ['Factor', 'Grade', 'Modifiable', 'Evidence'],
            rows: inDomain.map((factor) => [
              factor.description,
              `${factor.grade}: ${grade(factor.grade)}`,
              factor.modifiable ? 'Yes' : 'No',
              factor.evidence ?? '',
            ]),
            widths: [5, 3, 2, 3],
          },
    ];
  });
  const category = CATEGORIES_OF_DEATH.find((item) => item.number === detail.category);
  const blocks: ReportBlock[] = [
    { type: 'heading', level: 1, text: 'Notification summary' },
    summary,
    ...(detail.circumstances ? [{ type: 'paragraph', text: detail.circumstances } as ReportBlock] : []),
    { type: 'heading', level: 1, text: 'Factors by domain' },
    ...factors,
    { type: 'heading', level: 1, text: 'Category of death' },
    { type: 'paragraph', text: category ? `${category.number}. ${category.label}` : 'Not yet decided by the panel.' },
    { type: 'heading', level: 1, text: 'Modifiable factors' },
    {
      type: 'paragraph',
      text: detail.modifiable ? form.outcomeLabels[detail.modifiable] : 'Not yet decided by the panel.',
    },
    { type: 'heading', level: 1, text: 'Learning' },
    detail.learningPoints.length === 0
      ? { type: 'paragraph', text: 'No learning recorded.' }
      : {
          type: 'prose',
          prose: detail.learningPoints.map((point) => ({ type: 'bullet', depth: 0, content: [{ text: point.text }] })),
        },
    { type: 'heading', level: 1, text: 'Recommendations' },
    detail.recommendations.length === 0
      ? { type: 'paragraph', text: 'No recommendations recorded.' }
      : {
          type: 'table',
          headers: ['Level', 'Agency', 'Recommendation'],
          rows: detail.recommendations.map((item) => [
            item.level[0]?.toUpperCase() + item.level.slice(1),
            item.agency,
            item.text,
          ]),
          widths: [2, 3, 8],
        },
  ];
  return {
    title: `Child death review record: ${detail.reference}`,
    subtitle: [options.boardName, form.title].filter((line) => line.trim() !== ''),
    status: options.status,
    marking: options.marking,
    titlePage: false,
    contents: false,
    description: options.description,
    parts: [{ orientation: 'portrait', blocks }],
  };
}
