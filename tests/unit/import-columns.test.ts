import { describe, expect, it } from 'vitest';
import { type ImportField, mappingToSave, matchColumns, normaliseHeader } from '../../shared/import/columns.js';

/** A chronology's fields, with the synonyms agencies use (DOMAIN.md section 3). */
type Field = 'sequence' | 'date' | 'time' | 'endDate' | 'source' | 'event' | 'outcome';
const FIELDS: ImportField<Field>[] = [
  { field: 'sequence', label: 'Sequence', synonyms: ['Event Ref', 'Ref', 'No', 'Sequence'], required: false },
  {
    field: 'date',
    label: 'Date',
    synonyms: ['Date', 'Start Date', 'Event Date', 'Date of event', 'Date or period'],
    required: true,
  },
  { field: 'time', label: 'Time', synonyms: ['Time', 'Start Time'], required: false },
  { field: 'endDate', label: 'End date', synonyms: ['End Date'], required: false },
  {
    field: 'source',
    label: 'Source',
    synonyms: ['Source', 'Source of Information', 'Source record', 'Record'],
    required: true,
  },
  {
    field: 'event',
    label: 'Event',
    synonyms: ['Event', 'Details', 'Event or contact', 'Description', 'Significant event', 'Details of contact'],
    required: true,
  },
  { field: 'outcome', label: 'Outcome', synonyms: ['Action', 'Action taken', 'Outcome', 'Decision'], required: false },
];

describe('normaliseHeader', () => {
  it('ignores case, punctuation, extra spaces and a trailing (s)', () => {
    expect(normaliseHeader('  DATE  of   Event: ')).toBe('date of event');
    expect(normaliseHeader('Source(s)')).toBe('source');
    expect(normaliseHeader('Practitioner(s) ')).toBe('practitioner');
    expect(normaliseHeader('No.')).toBe('no');
    expect(normaliseHeader('Children’s Services')).toBe('children s services');
  });
});

describe('matchColumns', () => {
  it('matches synonyms case-insensitively and reports what is left over', () => {
    const headers = ['Event Ref', 'DATE OF EVENT', 'Organisation', 'Source of information', 'Details', 'Outcome'];
    const match = matchColumns(headers, FIELDS);
    expect(match.mapping).toEqual({ sequence: 0, date: 1, source: 3, event: 4, outcome: 5 });
    expect(match.missingRequired).toEqual([]);
    expect(match.unmatchedHeaders).toEqual(['Organisation']);
    expect(match.matchedBy.date).toBe('exact');
  });

  it('prefers an exact synonym to a header that merely contains one', () => {
    // "Date (dd/mm/yyyy)" contains "date", but "Event Date" is an exact synonym.
    const match = matchColumns(['Date (dd/mm/yyyy)', 'Event Date', 'Event'], FIELDS);
    expect(match.mapping.date).toBe(1);
    expect(match.mapping.event).toBe(2);
    expect(match.unmatchedHeaders).toEqual(['Date (dd/mm/yyyy)']);
  });

  it('falls back to a contains-match, giving the header to the field with the longest synonym in it', () => {
    const match = matchColumns(['Event date (dd/mm/yyyy)', 'Brief description of event', 'Record reference'], FIELDS);
    expect(match.mapping).toEqual({ date: 0, event: 1, source: 2 });
    expect(match.matchedBy).toEqual({ date: 'contains', event: 'contains', source: 'contains' });
  });

  it('maps one header to one field, and names the missing required fields by label', () => {
    const match = matchColumns(['Date', 'Date'], FIELDS);
    expect(match.mapping).toEqual({ date: 0 });
    expect(match.missingRequired).toEqual(['Source', 'Event']);
    expect(match.unmatchedHeaders).toEqual(['Date']);
  });

  it('does not let "End Date" or "Start Time" be taken as the date', () => {
    const match = matchColumns(['End Date', 'Start Time', 'Start Date'], FIELDS);
    expect(match.mapping).toEqual({ endDate: 0, time: 1, date: 2 });
  });

  it('uses a saved mapping first, and ignores it when that header has gone', () => {
    const headers = ['Date', 'Date recorded', 'Event', 'Source'];
    const saved = matchColumns(headers, FIELDS, { date: 'date recorded' });
    expect(saved.mapping.date).toBe(1);
    expect(saved.matchedBy.date).toBe('saved');
    expect(saved.unmatchedHeaders).toEqual(['Date']);
    const stale = matchColumns(headers, FIELDS, { date: 'When' });
    expect(stale.mapping.date).toBe(0);
    expect(stale.matchedBy.date).toBe('exact');
  });

  it('ignores blank headers', () => {
    const match = matchColumns(['', 'Date', '  ', 'Event'], FIELDS);
    expect(match.mapping).toEqual({ date: 1, event: 3 });
    expect(match.unmatchedHeaders).toEqual([]);
  });

  it('round-trips a mapping through mappingToSave', () => {
    const headers = ['Ref', 'When it happened', 'What happened', 'Record'];
    const chosen: Partial<Record<Field, number>> = { sequence: 0, date: 1, event: 2, source: 3 };
    const saved = mappingToSave(headers, chosen);
    expect(saved).toEqual({ sequence: 'Ref', date: 'When it happened', event: 'What happened', source: 'Record' });
    expect(matchColumns(headers, FIELDS, saved).mapping).toEqual(chosen);
  });
});
