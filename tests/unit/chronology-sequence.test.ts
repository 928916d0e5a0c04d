import { expect, it } from 'vitest';
import { sequenceNumber } from '../../shared/chronology/entry.js';

it('orders references by their number, not their text', () => {
  const references = ['R10', 'R9', 'R1', 'HV-012', '12.5', '7', 'Minutes'];
  const ordered = [...references].sort((a, b) => (sequenceNumber(a) ?? Infinity) - (sequenceNumber(b) ?? Infinity));
  expect(ordered).toEqual(['R1', '7', 'R9', 'R10', 'HV-012', '12.5', 'Minutes']);
  expect(sequenceNumber(null)).toBeNull();
  expect(sequenceNumber('12a')).toBe(12);
});
