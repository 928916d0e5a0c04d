import type { FormCategory } from './types.js';

/**
 * The ten hierarchical categories of death (1 highest). The hierarchy is
 * confirmed; the exact wording is to be verified against the published form
 * (DOMAIN.md section 5). Shared by both versions: the categorisation came in with
 * the 2010 forms and the 2018 form kept its numbering (the 2010 wording is also
 * still to be verified).
 */
export const CATEGORIES_OF_DEATH: FormCategory[] = [
  { number: 1, label: 'Deliberately inflicted injury, abuse or neglect' },
  { number: 2, label: 'Suicide or deliberate self-inflicted harm' },
  { number: 3, label: 'Trauma and other external factors' },
  { number: 4, label: 'Malignancy' },
  { number: 5, label: 'Acute medical or surgical condition' },
  { number: 6, label: 'Chronic medical condition' },
  { number: 7, label: 'Chromosomal, genetic and congenital anomalies' },
  { number: 8, label: 'Perinatal/neonatal event' },
  { number: 9, label: 'Infection' },
  { number: 10, label: 'Sudden unexpected, unexplained death' },
];
