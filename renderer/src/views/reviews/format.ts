import { formatDate } from '../../format.js';

/** A review's scope period for people: `01/03/2015 to 31/08/2015`, `From 01/03/2015`, `Not set`. */
export function formatScope(from: string | null, to: string | null): string {
  if (from && to) return `${formatDate(from)} to ${formatDate(to)}`;
  if (from) return `From ${formatDate(from)}`;
  if (to) return `Up to ${formatDate(to)}`;
  return 'Not set';
}
