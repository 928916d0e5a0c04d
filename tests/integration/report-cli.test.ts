import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addActionEvidence,
  createAction,
  createFactor,
  createFinding,
  createRecommendation,
  link,
  readAnalysis,
  updateEpisodeAccount,
} from '../../db/analysis.js';
import { placeItems } from '../../db/analysis-diagram.js';
import { addFactor, addLearningPoint, createCase } from '../../db/cdop-cases.js';
import { listEntries } from '../../db/chronology.js';
import { createEpisode } from '../../db/key-practice-episodes.js';
import { addPerson, anonymisePeople } from '../../db/people.js';
import { createReview } from '../../db/reviews.js';
import { Vault } from '../../db/vault.js';
import { diagramPng } from '../../electron/services/diagram-export.js';
import { packageParts } from '../../electron/services/reports/package.js';
import { fold } from '../../shared/anonymise/normalise.js';
import { createAnonymiser } from '../../shared/anonymise/replace.js';
import { caseCreateInput } from '../../shared/api/channels/cdop.js';
import { episodeCreateSchema } from '../../shared/api/channels/chronology-analysis.js';
import { personAddSchema, reviewCreateSchema } from '../../shared/api/channels/reviews.js';
import { CLI } from '../support/build.js';
import { chronologyImportArgs, closedVault } from '../support/cli.js';
import { convertWithLibreOffice } from '../support/libreoffice.js';
import { PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/**
 * The Word exports through the real CLI on a real vault: anonymisation against the
 * disguises a new user types, the leak check refusing a file, versions and sign-off,
 * the audit anchor, and each kind of document opened by LibreOffice.
 */

const tempDirectory = tempDirectoryFactory();

function casebook(vault: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, '--vault', vault, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function changing<T>(path: string, use: (vault: Vault) => T): Promise<T> {
  const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
  try {
    return use(vault);
  } finally {
    vault.close();
  }
}

// The names typed as people do: possessive, capitals, decomposed accents, a zero-width
// space and a soft hyphen inside, a curly apostrophe; and "marked", which holds "Mark".
const EVENTS = [
  "Home visit: Amira's cot was unsafe; AMIRA was seen asleep.",
  'Call from Zoe\u0301 Okafor (mother) about Am\u200Bira.',
  'Ami\u00ADra seen at nursery by Mark Jones, who marked the bruise on a body map.',
  'Neighbour Mrs O\u2019Brien reported shouting. Zoë was not at home.',
];

async function reviewVault(directory: string): Promise<{ vault: string; reviewId: string }> {
  const vault = await closedVault(directory);
  const reviewId = await changing(vault, (opened) => {
    const review = createReview(
      opened,
      reviewCreateSchema.parse({
        title: 'Practice review for Amira',
        type: 'cspr',
        scopeFrom: '2020-01-01',
        scopeTo: '2021-06-30',
        termsOfReference: '# Questions\n- How did agencies share information about Amira?\n- Was Zoë heard?',
        agencies: ['Health visiting', 'Police'],
      }),
    );
    const person = (name: string, role: string, pseudonym: string, relationship: string | null = null) =>
      addPerson(opened, personAddSchema.parse({ reviewId: review.id, name, role, pseudonym, relationship }));
    person('Amira O\u2019Brien', 'child', 'Child H');
    person('Zoë Okafor', 'parent', 'Mother', 'Mother');
    person('Mark Jones', 'professional', 'HV1');
    person('Siobhan O\u2019Brien', 'family-member', 'Neighbour');
    return review.id;
  });
  const csv = join(directory, 'health.csv');
  writeFileSync(
    csv,
    ['Date,Practitioner,Event', ...EVENTS.map((event, index) => `0${index + 1}/03/2021,Mark Jones,"${event}"`)].join(
      '\r\n',
    ),
  );
  expect(casebook(vault, [...chronologyImportArgs(vault, reviewId).slice(2), csv, '--json']).code).toBe(0);
  return { vault, reviewId };
}

/** The chain entry -> factor -> finding -> recommendation -> action, with Zoë's name in the finding's title and text. */
async function addAnalysis(vault: string, reviewId: string): Promise<void> {
  await changing(vault, (opened) => {
    const owner = { kind: 'review', id: reviewId } as const;
    const [entry] = listEntries(opened.database, { reviewId, filters: {}, offset: 0, limit: 10 }).entries;
    if (!entry) throw new Error('no entry imported');
    const episode = createEpisode(
      opened,
      episodeCreateSchema.parse({ reviewId, title: 'The nursery visit', entryIds: [entry.id] }),
    );
    updateEpisodeAccount(opened, {
      id: episode.id,
      wentWell: [{ type: 'paragraph', content: [{ text: 'The bruise was recorded on a body map the same day.' }] }],
      familyView: [{ type: 'paragraph', content: [{ text: 'The family felt listened to at nursery.' }] }],
    });
    const factor = createFactor(opened, owner, {
      description: 'Home conditions were not revisited',
      taxonomy: null,
      level: null,
      domain: null,
      grade: null,
      modifiable: true,
      agencies: ['Health visiting'],
      note: null,
    });
    const finding = createFinding(opened, owner, {
      title: "Zoë's worries were not heard",
      taxonomy: 'scie-patterns-2008',
      pattern: 'family-professional',
      inThisCase: 'Zoë Okafor called twice about the cot and no visit followed.',
      widerEvidence: 'The audit of 40 cases found the same in 12.',
      whyItMatters: 'Parents see risks professionals miss.',
      boardQuestions: 'How does the board know that calls from parents lead to action?',
    });
    const recommendation = createRecommendation(opened, owner, {
      text: 'The partnership reviews how calls from parents are triaged.',
      addressee: 'board',
      agency: null,
      level: null,
    });
    link(opened, { from: entry.id, to: factor });
    link(opened, { from: episode.id, to: factor });
    link(opened, { from: factor, to: finding });
    link(opened, { from: finding, to: recommendation });
    const action = createAction(opened, owner, {
      text: 'Audit the triage of parental calls',
      ownerAgency: 'Health visiting',
      ownerRole: 'Head of service',
      dueOn: '2021-01-15',
      status: 'in-progress',
      outcomeMeasure: 'Every call has a recorded decision',
      recommendationId: recommendation,
    });
    addActionEvidence(opened, {
      actionId: action,
      recordedOn: '2021-02-01',
      source: 're-audit',
      text: 'Second audit found 9 of 10 calls decided',
    });
  });
}

/** A review with people, a chronology and the analysis chain, and where to export its report. */
async function analysedReview() {
  const directory = tempDirectory();
  const { vault, reviewId } = await reviewVault(directory);
  await addAnalysis(vault, reviewId);
  return { directory, vault, reviewId, out: join(directory, 'report.docx') };
}

/** Every part's text, folded as the leak check folds it, with runs joined. */
function foldedParts(file: string): string {
  return packageParts(readFileSync(file))
    .map((part) => fold(part.data.toString('utf8').replace(/<[^>]+>/g, '')))
    .join('\n');
}

describe('casebook report export', () => {
  it('anonymises every disguise of every name in an anonymised report, keeps "marked", and records the version', async () => {
    const directory = tempDirectory();
    const { vault, reviewId } = await reviewVault(directory);
    const out = join(directory, 'report.docx');
    const result = casebook(vault, ['report', 'export', '--review', reviewId, '--out', out, '--anonymise', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ path: out, version: 1, final: false, anonymised: true, leaks: [] });

    const text = foldedParts(out);
    for (const name of ['amira', 'zoe', 'okafor', 'obrien', "o'brien", 'siobhan', 'jones'])
      expect(text).not.toContain(name);
    expect(text).toContain('marked the bruise');
    expect(text).toContain("child h's cot");

    const converted = convertWithLibreOffice(out, directory);
    const flat = converted.text.replace(/\s+/g, ' ');
    expect(flat).toContain("Home visit: Child H's cot was unsafe");
    expect(flat).toContain('HV1, who marked the bruise');
    expect(flat).toContain('Practice review for Child H');
    expect(converted.page(2)).toMatch(/Appendix D: Integrated chronology\.+\s*\d+/);
    expect(casebook(vault, ['vault', 'verify', '--anchor', out]).code).toBe(0);
  }, 240_000);

  it('prints the analysis: the findings in the SCIE form, the recommendations, the action plan and the diagram', async () => {
    const { directory, vault, reviewId, out } = await analysedReview();
    const result = casebook(vault, ['report', 'export', '--review', reviewId, '--out', out, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const converted = convertWithLibreOffice(out, directory);
    const flat = converted.text.replace(/\s+/g, ' ');
    for (const text of [
      "Finding 1: Zoë's worries were not heard",
      'The pattern Patterns in family-professional interaction',
      'How it showed in this case Zoë Okafor called twice about the cot and no visit followed.',
      'Evidence that it is wider than this case The audit of 40 cases found the same in 12.',
      'Why it matters Parents see risks professionals miss.',
      'Questions for the board How does the board know that calls from parents lead to action?',
      'Home conditions were not revisited. Evidence: chronology entry 1 (01/03/2021, Health visiting); key practice episode "The nursery visit".',
      'Recommendation 1 The partnership reviews how calls from parents are triaged.',
      'Addressed to the safeguarding partnership board',
      "From findings 1: Zoë's worries were not heard",
      'What went well The bruise was recorded on a body map the same day.',
      "The family's perspective The family felt listened to at nursery.",
      'Figure 1: the analysis',
      'Appendix E: Integrated chronology',
    ]) {
      expect(flat).toContain(text);
    }
    // The action plan's row, its owner and due date in UK form, overdue derived from the date.
    expect(flat).toMatch(
      /R1 Audit the triage of parental calls Health visiting, Head of service 15\/01\/2021 In progress \(overdue\) Every call has a recorded decision 01\/02\/2021: Second audit found 9 of 10 calls decided/,
    );
    expect(flat).toMatch(/Appendix D: Analysis diagram/);
    expect(packageParts(readFileSync(out)).some((part) => part.name.endsWith('.png'))).toBe(true);
  }, 240_000);

  it('anonymises the analysis, and draws the diagram from the anonymised labels', async () => {
    const { directory, vault, reviewId, out } = await analysedReview();
    const result = casebook(vault, ['report', 'export', '--review', reviewId, '--out', out, '--anonymise', '--json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ anonymised: true, leaks: [] });

    const text = foldedParts(out);
    for (const name of ['zoe', 'okafor']) expect(text).not.toContain(name);
    const flat = convertWithLibreOffice(out, directory).text.replace(/\s+/g, ' ');
    expect(flat).toContain("Finding 1: Mother's worries were not heard");
    expect(flat).toContain('Mother called twice about the cot');

    // The leak check cannot read a picture: the embedded PNG must be the one drawn from anonymised labels.
    const embedded = packageParts(readFileSync(out)).filter((part) => part.name.endsWith('.png'));
    expect(embedded).toHaveLength(1);
    const [drawnAnonymised, drawnAsWritten] = await changing(vault, (opened) => {
      const owner = { kind: 'review', id: reviewId } as const;
      const anonymise = createAnonymiser(anonymisePeople(opened.database, reviewId)).text;
      return Promise.all([diagramPng(opened.database, owner, anonymise), diagramPng(opened.database, owner)]);
    });
    expect(Buffer.compare(embedded[0]?.data ?? Buffer.alloc(0), drawnAnonymised.png)).toBe(0);
    expect(Buffer.compare(drawnAnonymised.png, drawnAsWritten.png)).not.toBe(0);
  }, 240_000);

  it('prints FINAL with an unchanged diagram; a diagram rearranged since sign-off makes a new draft', async () => {
    const { vault, reviewId, out } = await analysedReview();
    const exportReport = () =>
      JSON.parse(casebook(vault, ['report', 'export', '--review', reviewId, '--out', out, '--json']).stdout);
    expect(exportReport()).toMatchObject({ version: 1, final: false });
    const signed = casebook(vault, [
      'report',
      'sign-off',
      '--review',
      reviewId,
      '--version',
      '1',
      '--role',
      'Partnership chair',
      '--decision',
      'approved',
      '--on',
      '2026-11-30',
      '--json',
    ]);
    expect(signed.code).toBe(0);
    expect(exportReport()).toMatchObject({ version: 1, final: true });

    await changing(vault, (opened) => {
      const owner = { kind: 'review', id: reviewId } as const;
      const [recommendation] = readAnalysis(opened.database, owner).recommendations;
      if (!recommendation) throw new Error('no recommendation');
      placeItems(opened, owner, [{ id: recommendation.id, x: 960, y: 400 }]);
    });
    expect(exportReport()).toMatchObject({ version: 2, final: false });
    const versions = JSON.parse(casebook(vault, ['report', 'versions', '--review', reviewId, '--json']).stdout);
    expect(versions[1].changedSincePrevious).toEqual([{ heading: 'Appendix D: Analysis diagram', change: 'changed' }]);
  }, 240_000);

  it('refuses a case record whose free text holds the NHS number and postcode, says where, writes nothing', async () => {
    const directory = tempDirectory();
    const vault = await closedVault(directory);
    const caseId = await changing(vault, (opened) => {
      const detail = createCase(
        opened,
        caseCreateInput.parse({
          reference: 'CD-2021-014',
          childName: 'Amira O\u2019Brien',
          nhsNumber: '9434765919',
          dateOfBirth: '2019-02-03',
          sex: 'female',
          dateOfDeath: '2021-03-09',
          homePostcode: 'LS1 4AB',
          dateNotified: '2021-03-10',
          circumstances: 'Found unresponsive at home.',
        }),
      );
      addFactor(opened, {
        caseId: detail.id,
        domain: 'B',
        description: 'Unsafe sleeping arrangement',
        grade: '2',
        modifiable: true,
        evidence: null,
      });
      addLearningPoint(opened, {
        caseId: detail.id,
        text: 'Safe sleep advice for 943 476 5919 at ls14ab was not repeated.',
      });
      return detail.id;
    });
    const out = join(directory, 'record.docx');
    const refused = casebook(vault, ['cdop', 'record', '--case', caseId, '--out', out, '--anonymise', '--json']);
    expect(refused.code).toBe(1);
    const body = JSON.parse(refused.stdout);
    expect(body).toMatchObject({ path: null, version: null, anonymised: true });
    expect(body.leaks).toEqual([
      expect.stringMatching(/^word\/document\.xml, paragraph \d+ \(under Learning\): an NHS number/),
      expect.stringMatching(/^word\/document\.xml, paragraph \d+ \(under Learning\): a postcode/),
    ]);
    expect(refused.stdout).not.toContain('9434765919');
    expect(existsSync(out)).toBe(false);

    // Not anonymised, the record is for the panel: name, NHS number and all.
    const record = casebook(vault, ['cdop', 'record', '--case', caseId, '--out', out, '--json']);
    expect(record.code).toBe(0);
    const converted = convertWithLibreOffice(out, directory);
    const flat = converted.text.replace(/\s+/g, ' ');
    expect(flat).toContain('Child death review record: CD-2021-014');
    expect(flat).toContain('Unsafe sleeping arrangement');
    expect(flat).toContain('Amira O\u2019Brien');
    expect(converted.pages).toBeLessThanOrEqual(3);
  }, 240_000);

  it('keeps each export as a version; a sign-off locks it; unchanged it prints FINAL; a change makes a new draft', async () => {
    const directory = tempDirectory();
    const { vault, reviewId } = await reviewVault(directory);
    const out = join(directory, 'report.docx');
    const exportReport = () =>
      JSON.parse(casebook(vault, ['report', 'export', '--review', reviewId, '--out', out, '--json']).stdout);
    expect(exportReport()).toMatchObject({ version: 1, final: false, anonymised: false });
    const briefing = casebook(vault, [
      'report',
      'export',
      '--review',
      reviewId,
      '--kind',
      'briefing',
      '--out',
      join(directory, 'b.docx'),
      '--json',
    ]);
    expect(JSON.parse(briefing.stdout)).toMatchObject({ version: 2, anonymised: true });

    const signOff = (version: number, decision: string) =>
      casebook(vault, [
        'report',
        'sign-off',
        '--review',
        reviewId,
        '--version',
        String(version),
        '--role',
        'Partnership chair',
        '--decision',
        decision,
        '--conditions',
        'Publish after the inquest',
        '--on',
        '2026-11-30',
        '--json',
      ]);
    const signed = signOff(1, 'approved');
    expect(signed.code).toBe(0);
    expect(JSON.parse(signed.stdout).signOff).toEqual({
      role: 'Partnership chair',
      signedOn: '2026-11-30',
      decision: 'approved',
      conditions: 'Publish after the inquest',
    });
    expect(signOff(1, 'changes-requested').code).not.toBe(0);

    expect(exportReport()).toMatchObject({ version: 1, final: true });
    expect(convertWithLibreOffice(out, directory).page(1)).toContain('FINAL (version 1)');

    await changing(vault, (opened) =>
      addPerson(
        opened,
        personAddSchema.parse({ reviewId, name: 'Peter Lane', role: 'professional', pseudonym: 'SW1' }),
      ),
    );
    expect(exportReport()).toMatchObject({ version: 3, final: false });
    const versions = JSON.parse(casebook(vault, ['report', 'versions', '--review', reviewId, '--json']).stdout);
    expect(versions.map((version: { number: number; kind: string }) => [version.number, version.kind])).toEqual([
      [1, 'report'],
      [2, 'briefing'],
      [3, 'report'],
    ]);
    expect(versions[2].changedSincePrevious).toEqual([
      { heading: 'Background and family structure', change: 'changed' },
      { heading: 'Appendix C: Glossary of role codes', change: 'changed' },
    ]);
  }, 240_000);
});
