import { CATEGORIES_OF_DEATH } from './categories.js';
import type { AnalysisForm } from './types.js';

/** Form C (analysis proforma) of the 2010-2015 era: for legacy cases reviewed under it. */
export const FORM_C_2010: AnalysisForm = {
  version: 'form-c-2010',
  title: 'Form C: analysis proforma (2010-2015)',
  inUse: { from: '2010-04-01', until: '2019-09-28' },
  source: {
    documents: [
      'Working Together to Safeguard Children (2010), chapter 7, child death review forms: Form C',
      'Casebook DOMAIN.md section 5, "Form C, 2010-2015 era (legacy; scale confirmed verbatim)"',
    ],
    labelStatus: { domains: 'verify', grades: 'confirmed', outcomes: 'verify', categories: 'verify' },
    notes: [
      'The grading scale (0, 1, 1*, 2, 3) is confirmed verbatim; the domain wording and the outcome wording are to be verified.',
      '"Preventable" meant that modifiable factors may have contributed to the death; it is stored as the same outcome as the 2018 form\'s "modifiable factors identified" so statistics run across versions.',
      'The period in use is approximate (the 2010 guidance until the 2018 arrangements took over); verify.',
    ],
  },
  domains: [
    { code: '1', label: "Child's needs (factors intrinsic to the child)" },
    { code: '2', label: 'Parenting capacity' },
    { code: '3', label: 'Family and environment' },
    { code: '4', label: 'Service provision' },
  ],
  grades: [
    { code: '0', label: 'Information not available', contributes: false, informationNotAvailable: true },
    { code: '1', label: 'No factors identified', contributes: false, informationNotAvailable: false },
    {
      code: '1*',
      label: 'Factors identified but unlikely to have contributed',
      contributes: false,
      informationNotAvailable: false,
    },
    {
      code: '2',
      label: 'Factors that may have contributed to vulnerability, ill-health or death',
      contributes: true,
      informationNotAvailable: false,
    },
    {
      code: '3',
      label: 'Factors that provide a complete and sufficient explanation',
      contributes: true,
      informationNotAvailable: false,
    },
  ],
  outcomeLabels: {
    identified: 'Preventable: modifiable factors may have contributed to the death',
    none: 'Not preventable: no modifiable factors identified',
    insufficient: 'Insufficient information to decide',
  },
  // Grade 3 ("complete and sufficient explanation") is a stronger finding than 2, so it counts too.
  outcomeRule:
    'Any factor graded 2 or 3 that the panel judges modifiable makes the death "preventable" (modifiable factors may have contributed).',
  categories: CATEGORIES_OF_DEATH,
};
