import type { Expectedness, ModifiableOutcome, Sex } from '../cdop/case.js';
import { type CaseDateField, caseDateProblems } from '../cdop/dates.js';
import { CATEGORIES_OF_DEATH } from '../cdop/forms/index.js';
import { nhsNumberProblem, normaliseNhsNumber } from '../cdop/nhs-number.js';
import { formatIsoDate, isIsoDate } from '../dates/iso-date.js';
import { parseUkDate } from '../dates/uk-date.js';
import { type ImportField, normaliseHeader } from './columns.js';
import type { ImportKind, ImportRow } from './kind.js';
import type { RowProblems } from './problems.js';

/**
 * The CDOP import kind: historical child death cases, one per row. A case with a
 * review completion date is imported as reviewed, one without as notified.
 * Dates are UK dates (day first) or ISO; Excel date cells as shown. Its commit
 * writer is bound in electron/services/import/cdop.ts.
 */

export type CdopImportField =
  | 'reference'
  | 'child_name'
  | 'nhs_number'
  | 'date_of_birth'
  | 'date_of_death'
  | 'sex'
  | 'ethnicity'
  | 'expected'
  | 'category'
  | 'modifiable'
  | 'date_notified'
  | 'date_review_completed';

export const CDOP_IMPORT_FIELDS: readonly ImportField<CdopImportField>[] = [
  {
    field: 'reference',
    label: 'Reference',
    synonyms: ['ref', 'case reference', 'cdop reference', 'case ref', 'case number', 'case id'],
    required: true,
  },
  {
    field: 'child_name',
    label: "Child's name",
    synonyms: ['child name', 'name', 'name of child'],
    required: false,
  },
  {
    field: 'nhs_number',
    label: 'NHS number',
    synonyms: ['nhs no', 'nhs', 'nhs num', 'nhs number of child'],
    required: false,
  },
  {
    field: 'date_of_birth',
    label: 'Date of birth',
    synonyms: ['dob', 'birth date', 'd o b'],
    required: true,
  },
  {
    field: 'date_of_death',
    label: 'Date of death',
    synonyms: ['dod', 'death date', 'd o d'],
    required: true,
  },
  { field: 'sex', label: 'Sex', synonyms: ['gender', 'sex of child'], required: true },
  {
    field: 'ethnicity',
    label: 'Ethnicity',
    synonyms: ['ethnic group', 'ethnic origin', 'ethnic category'],
    required: false,
  },
  {
    field: 'expected',
    label: 'Expected',
    synonyms: ['expected unexpected', 'expected or unexpected', 'expected death', 'type of death'],
    required: false,
  },
  {
    field: 'category',
    label: 'Category',
    synonyms: ['category of death', 'cdop category', 'death category'],
    required: false,
  },
  {
    field: 'modifiable',
    label: 'Modifiable',
    synonyms: ['modifiable factors', 'modifiable outcome', 'preventable', 'modifiable factors identified'],
    required: false,
  },
  {
    field: 'date_notified',
    label: 'Date notified',
    synonyms: ['notified', 'date of notification', 'notification date', 'notified on'],
    required: true,
  },
  {
    field: 'date_review_completed',
    label: 'Date review completed',
    synonyms: ['review completed', 'review completion date', 'completed', 'date reviewed'],
    required: false,
  },
];

/** A case as the import will store it. */
export interface ImportedCase {
  row: number;
  reference: string;
  childName: string;
  /** The ten digits, when the file gave a valid NHS number. */
  nhsNumber: string | null;
  dateOfBirth: string;
  dateOfDeath: string;
  sex: Sex;
  ethnicity: string | null;
  expected: Expectedness | null;
  category: number | null;
  modifiable: ModifiableOutcome | null;
  dateNotified: string;
  dateReviewCompleted: string | null;
}

export interface CdopImportContext {
  /** References already in the vault. */
  taken: ReadonlySet<string>;
}

/** The import column of each date a case date problem is about. */
const DATE_COLUMN: Record<CaseDateField, CdopImportField> = {
  dateOfDeath: 'date_of_death',
  dateNotified: 'date_notified',
  dateReviewCompleted: 'date_review_completed',
};

const SEX_WORDS: Record<string, Sex> = {
  male: 'male',
  m: 'male',
  boy: 'male',
  female: 'female',
  f: 'female',
  girl: 'female',
  indeterminate: 'indeterminate',
  'not known': 'not_known',
  unknown: 'not_known',
  'not stated': 'not_known',
};

const EXPECTED_WORDS: Record<string, Expectedness> = { expected: 'expected', unexpected: 'unexpected' };

const MODIFIABLE_WORDS: Record<string, ModifiableOutcome> = {
  identified: 'identified',
  'modifiable factors identified': 'identified',
  yes: 'identified',
  preventable: 'identified',
  none: 'none',
  'no modifiable factors identified': 'none',
  no: 'none',
  'not preventable': 'none',
  insufficient: 'insufficient',
  'insufficient information': 'insufficient',
};

function category(written: string): number | null {
  if (/^\d{1,2}$/.test(written)) {
    const n = Number(written);
    return n >= 1 && n <= 10 ? n : null;
  }
  const wanted = normaliseHeader(written.replace(/^\d{1,2}\s*[-.:)]\s*/, ''));
  return CATEGORIES_OF_DEATH.find((c) => normaliseHeader(c.label) === wanted)?.number ?? null;
}

function dateCell(
  row: ImportRow<CdopImportField>,
  field: CdopImportField,
  problems: RowProblems,
  required: boolean,
): string | null {
  const cell = row.cell(field);
  const column = row.column(field);
  // An Excel date cell's UTC fields are the date Excel shows.
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const written = row.text(field);
  if (written === null) {
    if (required) problems.error(column, 'date missing');
    return null;
  }
  if (typeof cell === 'number') {
    problems.error(column, `${written} is not a date: format the column as dates or write dd/mm/yyyy`);
    return null;
  }
  const parsed = parseUkDate(written);
  if (!parsed.ok) {
    problems.error(column, parsed.reason);
    return null;
  }
  const iso = formatIsoDate(parsed.date);
  if (!isIsoDate(iso)) {
    problems.error(column, `${written} is outside the dates Casebook accepts (1900 onwards)`);
    return null;
  }
  return iso;
}

export const cdopImport: ImportKind<CdopImportField, ImportedCase, CdopImportContext> = {
  name: 'cdop',
  rows: { one: 'case', many: 'cases' },
  fields: CDOP_IMPORT_FIELDS,
  checker: ({ taken }) => {
    const seen = new Set<string>();
    return (row, problems) => {
      const text = (field: CdopImportField): string => row.text(field) ?? '';
      const word = (field: CdopImportField) => normaliseHeader(text(field));

      const reference = text('reference');
      const referenceColumn = row.column('reference');
      if (reference === '') problems.error(referenceColumn, 'reference missing');
      else if (reference.length > 50) problems.error(referenceColumn, 'reference longer than 50 characters');
      else if (taken.has(reference)) problems.error(referenceColumn, `${reference} is already in this vault`);
      else if (seen.has(reference)) problems.error(referenceColumn, `${reference} appears twice in the file`);
      seen.add(reference);

      // The same check as the case form: ten digits (or 3 3 4) with a Modulus 11 check digit.
      const nhsWritten = text('nhs_number');
      const nhsProblem = nhsWritten === '' ? null : nhsNumberProblem(nhsWritten);
      if (nhsProblem !== null) problems.error(row.column('nhs_number'), nhsProblem);

      const dateOfBirth = dateCell(row, 'date_of_birth', problems, true);
      const dateOfDeath = dateCell(row, 'date_of_death', problems, true);
      const dateNotified = dateCell(row, 'date_notified', problems, true);
      const dateReviewCompleted = dateCell(row, 'date_review_completed', problems, false);

      const sex = SEX_WORDS[word('sex')];
      if (!sex) {
        problems.error(
          row.column('sex'),
          `${text('sex') || 'blank'} is not a sex Casebook records (male, female, indeterminate, not known)`,
        );
      }

      const expectedWritten = word('expected');
      const expected = expectedWritten === '' ? null : EXPECTED_WORDS[expectedWritten];
      if (expected === undefined)
        problems.error(row.column('expected'), `${text('expected')} is not expected or unexpected`);

      const categoryWritten = text('category');
      const categoryNumber = categoryWritten === '' ? null : category(categoryWritten);
      if (categoryWritten !== '' && categoryNumber === null) {
        problems.error(row.column('category'), `${categoryWritten} is not a category of death (1-10 or its label)`);
      }
      const modifiableWritten = word('modifiable');
      const modifiable = modifiableWritten === '' ? null : MODIFIABLE_WORDS[modifiableWritten];
      if (modifiable === undefined) {
        problems.error(row.column('modifiable'), `${text('modifiable')} is not identified, none or insufficient`);
      }

      // The same date rules as a case typed in (shared/cdop/dates.ts).
      const dates = { dateOfBirth, dateOfDeath, dateNotified, dateReviewCompleted };
      for (const { field, message } of caseDateProblems(dates)) problems.error(row.column(DATE_COLUMN[field]), message);
      if (dateReviewCompleted && (categoryNumber === null || modifiable === null)) {
        problems.warning(row.column('date_review_completed'), 'reviewed without a category or modifiable outcome');
      }
      if (!dateReviewCompleted && (categoryNumber !== null || modifiable)) {
        problems.warning(row.column('date_review_completed'), 'no review completion date: counted as not yet reviewed');
      }

      if (
        !dateOfBirth ||
        !dateOfDeath ||
        !dateNotified ||
        !sex ||
        expected === undefined ||
        modifiable === undefined ||
        nhsProblem !== null
      ) {
        return undefined;
      }
      return {
        row: row.rowNumber,
        reference,
        childName: text('child_name').slice(0, 200),
        nhsNumber: nhsWritten === '' ? null : normaliseNhsNumber(nhsWritten),
        dateOfBirth,
        dateOfDeath,
        sex,
        ethnicity: text('ethnicity').slice(0, 100) || null,
        expected,
        category: categoryNumber,
        modifiable,
        dateNotified,
        dateReviewCompleted,
      };
    };
  },
};
