import { describe, expect, it } from 'vitest';
import { traceabilityProblems } from '../../shared/analysis/check.js';
import { type Analysis, canLink, isOverdue, NODE_KINDS } from '../../shared/analysis/model.js';
import { FACTOR_LEVELS, FINDING_PATTERNS } from '../../shared/analysis/taxonomy/index.js';

describe('overdue, derived from the due date and today', () => {
  it('is overdue only after the due day, and only while not done', () => {
    expect(isOverdue({ dueOn: '2026-03-01', status: 'not-started' }, '2026-03-01')).toBe(false);
    expect(isOverdue({ dueOn: '2026-03-01', status: 'not-started' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ dueOn: '2026-03-01', status: 'in-progress' }, '2027-01-01')).toBe(true);
    expect(isOverdue({ dueOn: '2026-03-01', status: 'completed' }, '2027-01-01')).toBe(false);
    expect(isOverdue({ dueOn: '2026-03-01', status: 'evidenced' }, '2027-01-01')).toBe(false);
    expect(isOverdue({ dueOn: null, status: 'not-started' }, '2027-01-01')).toBe(false);
  });
});

describe('the chain', () => {
  it('links each kind only to the next one along', () => {
    const allowed = NODE_KINDS.flatMap((from) =>
      NODE_KINDS.filter((to) => canLink(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed).toEqual([
      'entry>factor',
      'episode>factor',
      'factor>finding',
      'finding>recommendation',
      'recommendation>action',
    ]);
  });

  it('every taxonomy label names its source, and codes are unique within a version', () => {
    for (const taxonomy of [...Object.values(FACTOR_LEVELS), ...Object.values(FINDING_PATTERNS)]) {
      expect(new Set(taxonomy.labels.map((label) => label.code)).size).toBe(taxonomy.labels.length);
      for (const label of taxonomy.labels) expect(label.source.length).toBeGreaterThan(20);
    }
  });
});

describe('the traceability check', () => {
  const empty: Omit<Analysis, 'owner' | 'entries'> = {
    episodes: [],
    factors: [],
    findings: [],
    recommendations: [],
    actions: [],
    links: [],
  };
  const factor = {
    id: 'f',
    description: 'F',
    taxonomy: null,
    level: null,
    domain: null,
    grade: null,
    modifiable: true,
    agencies: [],
    note: null,
  };
  const finding = {
    id: 'g',
    title: 'G',
    taxonomy: null,
    pattern: null,
    inThisCase: null,
    widerEvidence: null,
    whyItMatters: null,
    boardQuestions: null,
  };

  it('wants a finding to reach evidence through a factor, not just to have a factor', () => {
    const linked = { ...empty, factors: [factor], findings: [finding], links: [{ from: 'f', to: 'g' }] };
    expect(traceabilityProblems(linked).map((problem) => problem.kind)).toEqual(['finding-without-evidence']);
    const evidenced = { ...linked, links: [...linked.links, { from: 'entry-1', to: 'f' }] };
    expect(traceabilityProblems(evidenced)).toEqual([]);
    // A child death has no chronology: where the panel found the factor is its evidence.
    const noted = { ...linked, factors: [{ ...factor, note: 'Police report p. 3' }] };
    expect(traceabilityProblems(noted)).toEqual([]);
  });

  it('names each missing part of an action once, and episodes without entries', () => {
    const problems = traceabilityProblems({
      ...empty,
      actions: [
        {
          id: 'a',
          text: 'A',
          ownerAgency: null,
          ownerRole: 'Lead',
          dueOn: null,
          status: 'not-started',
          outcomeMeasure: null,
          evidence: [],
        },
      ],
      episodes: [
        {
          id: 'e',
          title: 'E',
          from: null,
          to: null,
          entryIds: [],
          wentWell: [],
          wentLessWell: [],
          practitionersView: [],
          familyView: [],
        },
      ],
    });
    expect(problems.map((problem) => `${problem.kind} ${problem.id}`)).toEqual([
      'action-without-owner a',
      'action-without-date a',
      'action-without-outcome-measure a',
      'episode-without-entries e',
    ]);
  });
});
