import type { Taxonomy } from './types.js';

const GUIDE =
  'SCIE Guide 24, "Learning together to safeguard children: developing a multi-agency systems approach for case reviews" (Fish, Munro and Bairstow, 2008), appendix 6: typology of underlying patterns';

/**
 * The SCIE Learning Together typology of underlying patterns, the default for the
 * pattern a finding names. Four labels are confirmed word for word; two are still
 * to be checked against the guide (DOMAIN.md section 4) and say so.
 */
export const SCIE_PATTERNS_2008: Taxonomy = {
  version: 'scie-patterns-2008',
  title: 'SCIE Learning Together: underlying patterns',
  labels: [
    { code: 'human-tool', label: 'Patterns in human-tool operation', source: GUIDE, status: 'confirmed' },
    {
      code: 'human-management',
      label: 'Patterns in human-management system operation',
      source: GUIDE,
      status: 'confirmed',
    },
    {
      code: 'multi-agency-crisis',
      label: 'Patterns in multi-agency working in response to incidents and crises',
      source: GUIDE,
      status: 'confirmed',
    },
    {
      code: 'multi-agency-longer-term',
      label: 'Patterns in multi-agency working in assessment and longer-term work',
      source: GUIDE,
      status: 'confirmed',
    },
    {
      code: 'family-professional',
      label: 'Patterns in family-professional interaction',
      source: GUIDE,
      status: 'verify',
    },
    { code: 'human-reasoning', label: 'Patterns in human reasoning', source: GUIDE, status: 'verify' },
  ],
};
