import { describe, expect, it } from 'vitest';
import { describeAuditEntry, inWords } from '../../shared/audit/describe.js';

const entry = (entity: string, action: string, detail: Record<string, unknown> | null = null) => ({
  entity,
  action,
  detail,
});

describe('describeAuditEntry', () => {
  it('says what happened in words, not table names', () => {
    expect(describeAuditEntry(entry('chronology_duplicate', 'decided', { decision: 'link' }))).toBe(
      'Possible duplicate linked: both entries tell one event',
    );
    expect(
      describeAuditEntry(entry('chronology_duplicate', 'decided', { decision: 'keep-both', entries: [12, 15] })),
    ).toBe('Possible duplicate (entries 12 and 15) kept: two separate events');
    expect(describeAuditEntry(entry('chronology_import', 'imported', { entries: 5, rejected: 3 }))).toBe(
      '5 chronology entries imported from an agency’s file, 3 rows skipped',
    );
    expect(describeAuditEntry(entry('review', 'updated', { fields: ['title', 'scopeTo'] }))).toBe(
      'Review edited: title, scope to',
    );
    expect(describeAuditEntry(entry('settings', 'updated', { keys: ['reviewerName'] }))).toBe(
      'Settings changed: reviewer name',
    );
    expect(describeAuditEntry(entry('cdop_case', 'imported', { count: 1 }))).toBe('1 child death case imported');
    expect(describeAuditEntry(entry('vault', 'unlocked with recovery key'))).toBe(
      'Vault unlocked with the recovery key',
    );
  });

  it('reads an entity or action it does not know as words', () => {
    const said = describeAuditEntry(entry('analysis_finding', 'linkedTo', { fields: ['contributoryFactor'] }));
    expect(said).toBe('Analysis finding linked to: contributory factor');
    expect(said).not.toMatch(/_/);
  });

  it('never shows a table name or an id for any entity the vault writes', () => {
    for (const entity of ['review', 'person', 'chronology_entry', 'key_practice_episode', 'cdop_agency_report_chase']) {
      const said = describeAuditEntry(entry(entity, 'removed', { caseId: 'c0ffee', reviewId: 'r1' }));
      expect(said).not.toMatch(/_|c0ffee|r1/);
    }
  });

  it('turns internal names into words', () => {
    expect(inWords('scopeFrom')).toBe('scope from');
    expect(inWords('cdop_open_case-days')).toBe('cdop open case days');
  });
});
