import type { ModifiableOutcome } from '../case.js';

/** A version of the child death analysis form, as data: each version is one file beside this one. */

export type FormVersion = 'analysis-form-2021' | 'analysis-form-2018' | 'form-c';

/** Whether a label has been checked word for word against the published form. */
export type LabelStatus = 'confirmed' | 'verify';

export interface FormDomain {
  code: string;
  label: string;
}

export interface FormGrade {
  code: string;
  label: string;
  /** A factor with this grade that the panel judges modifiable makes the death modifiable (or "preventable"). */
  contributes: boolean;
  /** "Information not available": on its own it points to "insufficient information". */
  informationNotAvailable: boolean;
  /** A grade of a whole domain (Form C's 1 "No factors identified"), never given to a factor. */
  domainOnly?: boolean;
}

export interface FormCategory {
  /** 1 is the highest: the panel records the highest category that applies. */
  number: number;
  label: string;
}

export interface AnalysisForm {
  version: FormVersion;
  title: string;
  /** The period the form was in use (ISO dates); `until` null while current. */
  inUse: { from: string; until: string | null };
  source: {
    documents: string[];
    /** Per part of the form, because some parts are confirmed and others are not. */
    labelStatus: { domains: LabelStatus; grades: LabelStatus; outcomes: LabelStatus; categories: LabelStatus };
    notes: string[];
  };
  domains: FormDomain[];
  grades: FormGrade[];
  /** How this version words the three stored outcomes. */
  outcomeLabels: Record<ModifiableOutcome, string>;
  /** The rule Casebook uses to suggest the outcome, in words the panel can check. */
  outcomeRule: string;
  categories: FormCategory[];
}
