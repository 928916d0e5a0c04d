import { CATEGORIES_OF_DEATH } from './categories.js';
import type { AnalysisForm } from './types.js';

/**
 * The statutory child death analysis form of the 2018 child death review
 * arrangements, from 29 September 2019 until its revision of 1 April 2021.
 */
export const ANALYSIS_FORM_2018: AnalysisForm = {
  version: 'analysis-form-2018',
  title: 'Child death analysis form (2018)',
  inUse: { from: '2019-09-29', until: '2021-03-31' },
  source: {
    documents: [
      'HM Government, Child Death Review: Statutory and Operational Guidance (England), October 2018',
      'Child death review templates: analysis form (Department of Health and Social Care / NCMD), revised from 1 April 2021',
      'Casebook DOMAIN.md section 5, "Analysis form, 2018+ (current; verify labels)"',
    ],
    labelStatus: { domains: 'verify', grades: 'verify', outcomes: 'verify', categories: 'verify' },
    notes: [
      'The hierarchical scheme (domains A-D, grades 0-2, ten categories with 1 the highest) is confirmed; the exact labels are not yet confirmed against the published form.',
      'The form was revised from 1 April 2021 (analysis-form-2021.ts, which reuses these labels until its own are checked).',
      'Scotland\'s derived proforma words domains A-C as "factors intrinsic to the child", "factors in the child\'s family and social environment", "factors in the child\'s wider and physical environment".',
      'In use from the start of the new arrangements (29 September 2019).',
    ],
  },
  domains: [
    { code: 'A', label: 'Factors intrinsic to the child' },
    { code: 'B', label: 'Factors in the social environment, including family and parenting capacity' },
    { code: 'C', label: 'Factors in the physical environment' },
    { code: 'D', label: 'Factors in service provision' },
  ],
  grades: [
    { code: '0', label: 'Information not available', contributes: false, informationNotAvailable: true },
    {
      code: '1',
      label: 'Factor identified, but unlikely to have contributed to the death',
      contributes: false,
      informationNotAvailable: false,
    },
    {
      code: '2',
      label: 'Factor identified that may have contributed to vulnerability, ill-health or death',
      contributes: true,
      informationNotAvailable: false,
    },
  ],
  outcomeLabels: {
    identified: 'Modifiable factors identified',
    none: 'No modifiable factors identified',
    insufficient: 'Insufficient information',
  },
  outcomeRule:
    'Any factor graded 2 that the panel judges modifiable makes the death modifiable: "modifiable factors identified".',
  categories: CATEGORIES_OF_DEATH,
};
