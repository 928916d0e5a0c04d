import { describe, expect, it } from 'vitest';
import type { CasebookApp } from '../../electron/app.js';
import type { AnalysisOwner } from '../../shared/analysis/model.js';
import { todayIso } from '../../shared/dates/iso-date.js';
import { answer, fails } from '../support/api.js';
import { importCsv, newVaultAppFactory } from '../support/app.js';

/**
 * The modifiable-factor analysis through the app's dispatcher on real encrypted
 * vaults: a chain from a chronology entry to an action, the traceability check,
 * overdue by the local date on the action board, a child death's factors in the
 * same model, and an import refused whole.
 */

const newVaultApp = newVaultAppFactory();

const HEALTH = [
  'Date,Source,Staff,Details,Outcome',
  '12/05/2015,Visit 1,HV1,"Home visit, bruise to cheek seen, explanation accepted",No referral',
  '20/05/2015,Visit 2,HV1,"Missed appointment",Letter sent',
].join('\r\n');

/** A review with a two-entry chronology from one agency. */
async function reviewWithChronology(casebook: CasebookApp) {
  const review = await answer(casebook, 'reviews.create', { title: 'Child H: CSPR', type: 'cspr' });
  await importCsv(casebook, review.id, 'Health visiting', HEALTH);
  const { entries } = await answer(casebook, 'chronology.list', { reviewId: review.id });
  return { reviewId: review.id, owner: { kind: 'review', id: review.id } as AnalysisOwner, entries };
}

function daysFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return todayIso(date);
}

describe('the analysis chain of a review', () => {
  it('links a chronology entry to a factor, a finding, a recommendation and an action; the check follows the gaps', async () => {
    const casebook = await newVaultApp();
    const { owner, entries } = await reviewWithChronology(casebook);
    const [bruise] = entries;
    if (!bruise) throw new Error('no entries imported');

    const episode = await answer(casebook, 'episodes.create', {
      reviewId: owner.id,
      title: 'The bruise',
      entryIds: [bruise.id],
    });
    let analysis = await answer(casebook, 'analysis.episode.update', {
      id: episode.id,
      wentWell: [{ type: 'paragraph', content: [{ text: 'The visit happened on time.' }] }],
      familyView: [{ type: 'paragraph', content: [{ text: 'Mother felt listened to.', italic: true }] }],
    });
    expect(analysis.episodes[0]?.wentWell[0]?.content[0]?.text).toBe('The visit happened on time.');
    expect(analysis.episodes[0]?.wentLessWell).toEqual([]);

    analysis = await answer(casebook, 'analysis.factor.create', {
      owner,
      description: 'Explanations of injuries in non-mobile babies accepted without challenge',
      level: 'individual',
      modifiable: true,
      agencies: ['Health visiting'],
    });
    const factor = analysis.factors[0];
    expect(factor).toMatchObject({
      taxonomy: 'london-protocol-2004',
      level: 'individual',
      domain: null,
      modifiable: true,
    });
    if (!factor) throw new Error('no factor');

    analysis = await answer(casebook, 'analysis.finding.create', {
      owner,
      title: 'Bruising in non-mobile babies is not escalated',
      pattern: 'human-reasoning',
    });
    const finding = analysis.findings[0];
    if (!finding) throw new Error('no finding');
    analysis = await answer(casebook, 'analysis.recommendation.create', {
      owner,
      text: 'The board should audit the bruising protocol',
      addressee: 'board',
    });
    const recommendation = analysis.recommendations[0];
    if (!recommendation) throw new Error('no recommendation');
    analysis = await answer(casebook, 'analysis.action.create', {
      owner,
      recommendationId: recommendation.id,
      text: 'Re-audit of bruising referrals',
    });
    const action = analysis.actions[0];
    if (!action) throw new Error('no action');

    // Before the links: every gap is named with its item.
    const kinds = (problems: { kind: string; id: string }[]) =>
      problems.map((problem) => `${problem.kind} ${problem.id}`);
    expect(kinds(await answer(casebook, 'analysis.check', { owner })).sort()).toEqual(
      [
        `finding-without-evidence ${finding.id}`,
        `recommendation-without-finding ${recommendation.id}`,
        `action-without-owner ${action.id}`,
        `action-without-date ${action.id}`,
        `action-without-outcome-measure ${action.id}`,
      ].sort(),
    );

    await answer(casebook, 'analysis.link', { from: bruise.id, to: factor.id });
    await answer(casebook, 'analysis.link', { from: factor.id, to: finding.id });
    analysis = await answer(casebook, 'analysis.link', { from: finding.id, to: recommendation.id });
    expect(analysis.links).toEqual(
      expect.arrayContaining([
        { from: bruise.id, to: factor.id },
        { from: factor.id, to: finding.id },
        { from: finding.id, to: recommendation.id },
        { from: recommendation.id, to: action.id },
      ]),
    );
    expect(analysis.entries).toEqual([
      expect.objectContaining({ id: bruise.id, agency: 'Health visiting', date: '12/05/2015' }),
    ]);
    analysis = await answer(casebook, 'analysis.action.update', {
      id: action.id,
      ownerAgency: 'Health visiting',
      ownerRole: 'Named nurse',
      dueOn: daysFromToday(30),
      outcomeMeasure: 'Nine in ten bruising referrals made within a day',
    });
    expect(await answer(casebook, 'analysis.check', { owner })).toEqual([]);

    // A link must go one step along the chain, within one review.
    const backwards = await fails(casebook.invoke('analysis.link', { from: action.id, to: factor.id }));
    expect(backwards).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/cannot be linked/) });
    const other = await reviewWithChronology(casebook);
    const across = await fails(casebook.invoke('analysis.link', { from: other.entries[0]?.id, to: factor.id }));
    expect(across.message).toMatch(/same review/);

    // Removing a factor takes its links; the finding is left without evidence again.
    analysis = await answer(casebook, 'analysis.remove', { id: factor.id });
    expect(analysis.links.some((link) => link.from === bruise.id || link.to === factor.id)).toBe(false);
    expect(kinds(await answer(casebook, 'analysis.check', { owner }))).toEqual([
      `finding-without-evidence ${finding.id}`,
    ]);
  });

  it('refuses an unknown taxonomy level and a recommendation to an agency without its name, on create and on change', async () => {
    const casebook = await newVaultApp();
    const { owner } = await reviewWithChronology(casebook);
    const level = await fails(
      casebook.invoke('analysis.factor.create', { owner, description: 'x', level: 'weather', modifiable: false }),
    );
    expect(level).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/not weather/) });
    const agency = await fails(
      casebook.invoke('analysis.recommendation.create', { owner, text: 'Do better', addressee: 'agency' }),
    );
    expect(agency.message).toMatch(/Name the agency/);
    expect((await answer(casebook, 'analysis.get', { owner })).factors).toEqual([]);

    // A change is checked with what is stored: what was not given stays, the whole must still hold.
    let analysis = await answer(casebook, 'analysis.finding.create', { owner, title: 'F', pattern: 'human-tool' });
    const finding = analysis.findings[0]?.id ?? '';
    analysis = await answer(casebook, 'analysis.finding.update', { id: finding, whyItMatters: 'Because' });
    expect(analysis.findings[0]).toMatchObject({ title: 'F', pattern: 'human-tool', whyItMatters: 'Because' });
    analysis = await answer(casebook, 'analysis.recommendation.create', { owner, text: 'R', addressee: 'board' });
    const recommendation = analysis.recommendations[0]?.id ?? '';
    const unnamed = await fails(
      casebook.invoke('analysis.recommendation.update', { id: recommendation, addressee: 'agency' }),
    );
    expect(unnamed.message).toMatch(/Name the agency/);
    analysis = await answer(casebook, 'analysis.recommendation.update', {
      id: recommendation,
      addressee: 'agency',
      agency: 'Police',
    });
    expect(analysis.recommendations[0]).toMatchObject({ text: 'R', addressee: 'agency', agency: 'Police' });
  });
});

describe('the action board', () => {
  it('derives overdue from the due date and today (local), and filters by agency, owner, status and overdue', async () => {
    const casebook = await newVaultApp();
    const { owner } = await reviewWithChronology(casebook);
    const base = { owner, outcomeMeasure: 'Audit' };
    await answer(casebook, 'analysis.action.create', {
      ...base,
      text: 'Late',
      ownerAgency: 'Health visiting',
      ownerRole: 'Named nurse',
      dueOn: daysFromToday(-1),
    });
    await answer(casebook, 'analysis.action.create', {
      ...base,
      text: 'Due today',
      ownerAgency: 'Police',
      ownerRole: 'DI',
      dueOn: todayIso(),
    });
    await answer(casebook, 'analysis.action.create', {
      ...base,
      text: 'Done late',
      ownerAgency: 'Police',
      dueOn: daysFromToday(-10),
      status: 'completed',
    });

    const board = await answer(casebook, 'actions.board', {});
    expect(board.map((action) => [action.text, action.overdue])).toEqual([
      ['Done late', false],
      ['Late', true],
      ['Due today', false],
    ]);
    expect(board[0]?.owner).toMatchObject({ kind: 'review', id: owner.id, title: 'Child H: CSPR' });
    expect((await answer(casebook, 'actions.board', { overdue: true })).map((action) => action.text)).toEqual(['Late']);
    expect((await answer(casebook, 'actions.board', { agency: 'police' })).map((action) => action.text)).toEqual([
      'Done late',
      'Due today',
    ]);
    expect((await answer(casebook, 'actions.board', { owner: 'nurse' })).map((action) => action.text)).toEqual([
      'Late',
    ]);
    expect((await answer(casebook, 'actions.board', { status: 'completed' })).map((action) => action.text)).toEqual([
      'Done late',
    ]);

    // Evidence over time; the export carries the filtered plan.
    const late = board[1];
    if (!late) throw new Error('no action');
    const analysis = await answer(casebook, 'analysis.action.addEvidence', {
      actionId: late.id,
      recordedOn: todayIso(),
      source: 're-audit',
      text: 'Re-audit: 7 of 10',
    });
    expect(analysis.actions.find((action) => action.id === late.id)?.evidence).toEqual([
      expect.objectContaining({ source: 're-audit', text: 'Re-audit: 7 of 10' }),
    ]);
    const plan = await answer(casebook, 'actions.export', { agency: 'Police' });
    expect(plan).toMatchObject({ actions: 2, fileName: `action-plan-${todayIso()}.xlsx` });
    expect(Buffer.from(plan.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('a child death in the same model', () => {
  it("shows the case's factors and recommendations as its analysis, classified by the form's domain and grade", async () => {
    const casebook = await newVaultApp();
    const created = await answer(casebook, 'cdop.case.create', {
      reference: 'CDOP-2024-001',
      childName: 'Generated child',
      dateOfBirth: '2023-05-10',
      sex: 'female',
      dateOfDeath: '2023-06-07',
      dateNotified: '2023-06-08',
    });
    const owner: AnalysisOwner = { kind: 'cdop-case', id: created.id };
    const detail = await answer(casebook, 'cdop.factor.add', {
      caseId: created.id,
      domain: 'C',
      description: 'Unsafe sleeping arrangement',
      grade: '2',
      modifiable: true,
      evidence: 'Police report p. 3',
    });
    expect(detail.suggestion?.outcome).toBe('identified');
    let analysis = await answer(casebook, 'analysis.get', { owner });
    expect(analysis.factors).toEqual([
      expect.objectContaining({ domain: 'C', grade: '2', modifiable: true, note: 'Police report p. 3', level: null }),
    ]);
    const missing = await fails(
      casebook.invoke('analysis.factor.create', { owner, description: 'x', modifiable: false }),
    );
    expect(missing.message).toMatch(/has domains A, B, C, D, not none/);

    analysis = await answer(casebook, 'analysis.finding.create', { owner, title: 'Safer sleep advice not repeated' });
    const finding = analysis.findings[0];
    const factor = analysis.factors[0];
    if (!finding || !factor) throw new Error('missing');
    await answer(casebook, 'cdop.recommendation.add', {
      caseId: created.id,
      level: 'local',
      agency: 'Public health',
      text: 'Safer sleep campaign',
    });
    analysis = await answer(casebook, 'analysis.link', { from: factor.id, to: finding.id });
    const recommendation = analysis.recommendations[0];
    if (!recommendation) throw new Error('missing');
    expect(recommendation).toMatchObject({ addressee: 'agency', agency: 'Public health', level: 'local' });
    // A child death's factor is evidenced by where it was found; the recommendation still needs its finding.
    expect(await answer(casebook, 'analysis.check', { owner })).toEqual([
      {
        kind: 'recommendation-without-finding',
        id: recommendation.id,
        item: 'recommendation',
        title: 'Safer sleep campaign',
      },
    ]);
    await answer(casebook, 'analysis.link', { from: finding.id, to: recommendation.id });
    expect(await answer(casebook, 'analysis.check', { owner })).toEqual([]);
    // Removed through the CDOP form, gone from the analysis and its links.
    await answer(casebook, 'cdop.recommendation.remove', { id: recommendation.id });
    analysis = await answer(casebook, 'analysis.get', { owner });
    expect(analysis.recommendations).toEqual([]);
    expect(analysis.links).toEqual([{ from: factor.id, to: finding.id }]);
  });
});

describe('importing an analysis', () => {
  it('refuses a file with any problem whole, listing every problem, and changes nothing', async () => {
    const casebook = await newVaultApp();
    const { owner } = await reviewWithChronology(casebook);
    const error = await fails(
      casebook.invoke('analysis.import', {
        owner,
        analysis: {
          factors: [
            { id: 'f1', description: 'Fine', level: 'team', modifiable: true },
            { id: 'f2', description: 'Bad level', level: 'weather', modifiable: true },
          ],
          findings: [{ id: 'f1', title: 'Same id as a factor' }],
          actions: [{ id: 'a1', text: '', status: 'done' }],
          links: [
            { from: 'f1', to: 'nowhere' },
            { from: 'gone-entry', to: 'f1' },
          ],
        },
      }),
    );
    expect(error.code).toBe('invalid_payload');
    // The shape's problems come first and alone (the rest cannot be read until the shape is right).
    expect(error.issues?.map((issue) => issue.path).sort()).toEqual(['actions.0.status', 'actions.0.text']);
    const second = await fails(
      casebook.invoke('analysis.import', {
        owner,
        analysis: {
          factors: [
            { id: 'f1', description: 'Fine', level: 'team', modifiable: true },
            { id: 'f2', description: 'Bad level', level: 'weather', modifiable: true },
          ],
          findings: [{ id: 'f1', title: 'Same id as a factor' }],
          links: [
            { from: 'f1', to: 'nowhere' },
            { from: 'gone-entry', to: 'f2' },
          ],
        },
      }),
    );
    expect(second.message).toMatch(/not imported: 4 problems, nothing was changed/);
    expect(second.issues?.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/not weather/),
      'The id f1 is used twice',
      expect.stringMatching(/gone-entry is not in this review/),
      'nowhere is not in the file',
    ]);
    const analysis = await answer(casebook, 'analysis.get', { owner });
    expect([analysis.factors, analysis.findings, analysis.links]).toEqual([[], [], []]);
  });
});
