import { CATEGORIES_OF_DEATH } from './categories.js';
import type { AnalysisForm } from './types.js';

/**
 * Form C (analysis proforma) of the pre-2018 arrangements: in use from April 2008,
 * when every LSCB began reviewing child deaths, until the 2018 statutory forms
 * replaced it on 29 September 2019. Cases reviewed in that period carry it.
 */
export const FORM_C: AnalysisForm = {
  version: 'form-c',
  title: 'Form C: analysis proforma (April 2008 to September 2019)',
  inUse: { from: '2008-04-01', until: '2019-09-28' },
  source: {
    documents: [
      'Working Together to Safeguard Children (2006, 2010), chapter 7, child death review forms: Form C',
      'Department for Education, Child death reviews: year ending 31 March 2011, statistical release OSR 11/2011 (the change from "preventable" to "modifiable factors" from 1 April 2010)',
      'Casebook DOMAIN.md section 5, "Form C, April 2008 to September 2019 (scale confirmed verbatim)"',
    ],
    labelStatus: { domains: 'verify', grades: 'confirmed', outcomes: 'verify', categories: 'verify' },
    notes: [
      "The grading scale (0, 1, 1*, 2, 3) is the form's own words in full; the domain wording and the outcome wording are to be verified.",
      'Grades apply to a domain: grade 1 "No factors identified" says the panel found none in that domain, so it is recorded on the domain, not on a factor.',
      'Before 1 April 2010 panels recorded whether a death was "preventable", a different measure: it is kept as its own outcome (the case\'s historical "preventable" answer), never counted as "modifiable factors identified".',
    ],
  },
  domains: [
    { code: '1', label: "Child's needs / Factors intrinsic to the child" },
    { code: '2', label: 'Parenting capacity' },
    { code: '3', label: 'Family and environment' },
    { code: '4', label: 'Service provision' },
  ],
  grades: [
    { code: '0', label: 'Information not available', contributes: false, informationNotAvailable: true },
    { code: '1', label: 'No factors identified', contributes: false, informationNotAvailable: false, domainOnly: true },
    {
      code: '1*',
      label: 'Factors identified but are unlikely to have contributed to the death',
      contributes: false,
      informationNotAvailable: false,
    },
    {
      code: '2',
      label: 'Factors identified that may have contributed to vulnerability, ill-health or death',
      contributes: true,
      informationNotAvailable: false,
    },
    {
      code: '3',
      label: 'Factors identified that provide a complete and sufficient explanation for the death',
      contributes: true,
      informationNotAvailable: false,
    },
  ],
  outcomeLabels: {
    identified: 'Modifiable factors identified: modifiable factors may have contributed to the death',
    none: 'No modifiable factors identified',
    insufficient: 'Insufficient information to decide',
  },
  // Grade 3 ("complete and sufficient explanation") is a stronger finding than 2, so it counts too.
  outcomeRule:
    'Any factor graded 2 or 3 that the panel judges modifiable makes the death one in which "modifiable factors may have contributed to the death".',
  categories: CATEGORIES_OF_DEATH,
};
