import { ANALYSIS_FORM_2018 } from './analysis-form-2018.js';
import type { AnalysisForm } from './types.js';

/**
 * The child death analysis form as revised from 1 April 2021 (NCMD). Its own
 * labels are not yet confirmed, so it reuses the 2018 form's, marked to verify:
 * when they are checked, replace them here (cases keep the version they used).
 */
export const ANALYSIS_FORM_2021: AnalysisForm = {
  ...ANALYSIS_FORM_2018,
  version: 'analysis-form-2021',
  title: 'Child death analysis form (revised April 2021)',
  inUse: { from: '2021-04-01', until: null },
  source: {
    documents: [
      'Child death review templates: notification, reporting and analysis forms, revised from 1 April 2021 (National Child Mortality Database)',
      'Casebook DOMAIN.md section 5, "Which form, when"',
    ],
    labelStatus: { domains: 'verify', grades: 'verify', outcomes: 'verify', categories: 'verify' },
    notes: ["Uses the 2018 form's labels until the revision's own are confirmed against the published form."],
  },
};
