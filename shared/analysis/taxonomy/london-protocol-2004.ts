import type { Taxonomy } from './types.js';

const FRAMEWORK =
  'Vincent, Taylor-Adams and Stanhope, "Framework for analysing risk and safety in clinical medicine", BMJ 1998; Taylor-Adams and Vincent, "Systems analysis of clinical incidents: the London Protocol", 2004';

/**
 * The levels of contributory factors of the London Protocol (Vincent's framework),
 * the default for classifying a review's contributory factors. The protocol's
 * "patient factors" are worded "child and family" for safeguarding work, as
 * Casebook's DOMAIN.md section 4 gives them.
 */
export const LONDON_PROTOCOL_2004: Taxonomy = {
  version: 'london-protocol-2004',
  title: 'London Protocol levels (Vincent)',
  labels: [
    { code: 'institutional', label: 'Institutional context', source: FRAMEWORK, status: 'confirmed' },
    { code: 'organisation', label: 'Organisation and management', source: FRAMEWORK, status: 'confirmed' },
    { code: 'environment', label: 'Work environment', source: FRAMEWORK, status: 'confirmed' },
    { code: 'team', label: 'Team', source: FRAMEWORK, status: 'confirmed' },
    { code: 'individual', label: 'Individual staff', source: FRAMEWORK, status: 'confirmed' },
    { code: 'task', label: 'Task and technology', source: FRAMEWORK, status: 'confirmed' },
    {
      code: 'child-family',
      label: 'Child and family',
      source: `${FRAMEWORK} ("patient factors", worded for safeguarding)`,
      status: 'confirmed',
    },
  ],
};
