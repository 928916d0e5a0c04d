import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReportProse } from '../../db/report-prose.js';
import type { CasebookApp } from '../../electron/app.js';
import type { Prose } from '../../shared/reports/prose.js';
import { PROSE_SECTION_IDS } from '../../shared/reports/sections.js';
import { answer, fails } from '../support/api.js';
import { newVaultAppFactory } from '../support/app.js';
import { casebook, closedVault, countsIn } from '../support/cli.js';
import { PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/** The reviewer's prose per report section, through the app's channels and the CLI, on real vaults. */

const tempDirectory = tempDirectoryFactory();
const newVaultApp = newVaultAppFactory();

const INTRODUCTION: Prose = [
  { type: 'heading', level: 2, content: [{ text: 'Why this review was held' }] },
  {
    type: 'paragraph',
    content: [{ text: 'Agencies ' }, { text: 'did not', bold: true }, { text: ' share what they knew', italic: true }],
  },
  { type: 'bullet', depth: 0, content: [{ text: 'Health visiting' }] },
  {
    type: 'bullet',
    depth: 1,
    content: [{ text: 'Working Together 2023', link: 'https://www.gov.uk/working-together' }],
  },
  { type: 'number', depth: 0, content: [{ text: 'First question' }] },
];

/** An app on a new vault with one review in it. */
async function appWithReview(termsOfReference = '') {
  const app = await newVaultApp();
  return { app, review: await answer(app, 'reviews.create', { title: 'Child Q', type: 'cspr', termsOfReference }) };
}

/** One section of the review's report prose, as the channel gives it. */
async function sectionOf(app: CasebookApp, reviewId: string, sectionId: string) {
  const { sections } = await answer(app, 'report.prose', { reviewId });
  return sections.find((section) => section.sectionId === sectionId);
}

/** The report's audit rows, detail included (the audit channel leaves the detail out). */
function auditRows(app: CasebookApp) {
  return app.session
    .current()
    .database.prepare("SELECT entity_id, action, detail FROM audit_log WHERE entity = 'report_prose'")
    .all();
}

describe('report prose through the channels', () => {
  it('saves a section with its formatting, counts versions, and gives it back after the vault is locked and unlocked', async () => {
    const { app, review } = await appWithReview();

    const empty = await answer(app, 'report.prose', { reviewId: review.id });
    expect(empty.sections.map((section) => section.sectionId)).toEqual(PROSE_SECTION_IDS);
    expect(empty.sections.every((section) => section.version === 0 && section.prose.length === 0)).toBe(true);

    const first = await answer(app, 'report.saveProse', {
      reviewId: review.id,
      sectionId: 'introduction',
      prose: INTRODUCTION,
      baseVersion: 0,
    });
    expect(first).toMatchObject({ sectionId: 'introduction', prose: INTRODUCTION, version: 1, drawnFrom: null });
    const changed: Prose = [...INTRODUCTION, { type: 'paragraph', content: [{ text: 'More.' }] }];
    const second = await answer(app, 'report.saveProse', {
      reviewId: review.id,
      sectionId: 'introduction',
      prose: changed,
      baseVersion: 1,
    });
    expect(second.version).toBe(2);

    await answer(app, 'vault.lock', {});
    await answer(app, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(await sectionOf(app, review.id, 'introduction')).toMatchObject({
      prose: changed,
      version: 2,
    });
  });

  it('records each save in the audit log by section, version and length, never the text; an unchanged text is not saved again', async () => {
    const { app, review } = await appWithReview();
    const save = () =>
      answer(app, 'report.saveProse', { reviewId: review.id, sectionId: 'methodology', prose: INTRODUCTION });
    expect((await save()).version).toBe(1);
    expect((await save()).version).toBe(1);
    const rows = auditRows(app);
    expect(rows).toEqual([
      {
        entity_id: review.id,
        action: 'section saved',
        detail: JSON.stringify({ section: 'methodology', version: 1, characters: 111 }),
      },
    ]);
  });

  it('refuses a save over a newer version from another window, keeping the newer text', async () => {
    const { app, review } = await appWithReview();
    const one: Prose = [{ type: 'paragraph', content: [{ text: 'Saved in window one' }] }];
    await answer(app, 'report.saveProse', { reviewId: review.id, sectionId: 'background', prose: one, baseVersion: 0 });
    const refused = await fails(
      app.invoke('report.saveProse', {
        reviewId: review.id,
        sectionId: 'background',
        prose: [{ type: 'paragraph', content: [{ text: 'Window two, opened before' }] }],
        baseVersion: 0,
      }),
    );
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/another window/);
    expect(await sectionOf(app, review.id, 'background')).toMatchObject({
      prose: one,
      version: 1,
    });
  });

  it('refuses a javascript: link, an unknown section, and a save to an archived review, with clear messages', async () => {
    const { app, review } = await appWithReview();
    const link = await fails(
      app.invoke('report.saveProse', {
        reviewId: review.id,
        sectionId: 'introduction',
        prose: [{ type: 'paragraph', content: [{ text: 'click', link: 'javascript:alert(1)' }] }],
      }),
    );
    expect(link.code).toBe('invalid_payload');
    expect(link.message).toMatch(/A link must start with http:\/\/, https:\/\/ or mailto:/);
    const section = await fails(
      app.invoke('report.saveProse', { reviewId: review.id, sectionId: 'appendix-z', prose: [] }),
    );
    expect(section.message).toMatch(/Choose a section of the report or the briefing/);

    await answer(app, 'reviews.archive', { id: review.id });
    const archived = await fails(
      app.invoke('report.saveProse', { reviewId: review.id, sectionId: 'introduction', prose: INTRODUCTION }),
    );
    expect(archived.code).toBe('conflict');
    expect(archived.message).toMatch(/archived/);
    // An archived review's report is still read.
    expect((await answer(app, 'report.prose', { reviewId: review.id })).sections).toHaveLength(
      PROSE_SECTION_IDS.length,
    );
  });

  it("draws the briefing's parts from the terms of reference, findings and recommendations until the reviewer saves them; the export reads the same", async () => {
    const { app, review } = await appWithReview('Why Child Q was not seen.\nHow agencies shared information.');
    const drawn = await sectionOf(app, review.id, 'briefing-case');
    expect(drawn).toMatchObject({
      version: 0,
      drawnFrom: "the review's terms of reference",
      prose: [
        { type: 'paragraph', content: [{ text: 'Why Child Q was not seen.' }] },
        { type: 'paragraph', content: [{ text: 'How agencies shared information.' }] },
      ],
    });
    const owner = { kind: 'review', id: review.id };
    await answer(app, 'analysis.finding.create', { owner, title: 'Health visitors were not told of the move' });
    await answer(app, 'analysis.finding.create', { owner, title: 'Supervision did not test the plan' });
    await answer(app, 'analysis.recommendation.create', {
      owner,
      text: 'Share a change of address with health visiting the same day',
      addressee: 'board',
    });
    expect(await sectionOf(app, review.id, 'briefing-found')).toMatchObject({
      version: 0,
      drawnFrom: "the review's findings",
      prose: [
        { type: 'bullet', depth: 0, content: [{ text: 'Health visitors were not told of the move' }] },
        { type: 'bullet', depth: 0, content: [{ text: 'Supervision did not test the plan' }] },
      ],
    });
    const toDo = await sectionOf(app, review.id, 'briefing-do');
    expect(toDo).toMatchObject({
      drawnFrom: "the review's recommendations",
      prose: [
        {
          type: 'bullet',
          depth: 0,
          content: [{ text: 'Share a change of address with health visiting the same day' }],
        },
      ],
    });

    await answer(app, 'report.saveProse', { reviewId: review.id, sectionId: 'introduction', prose: INTRODUCTION });
    const found: Prose = [{ type: 'paragraph', content: [{ text: 'Two findings, in my words.' }] }];
    await answer(app, 'report.saveProse', { reviewId: review.id, sectionId: 'briefing-found', prose: found });
    const mine: Prose = [{ type: 'paragraph', content: [{ text: 'A baby of six months.' }] }];
    await answer(app, 'report.saveProse', { reviewId: review.id, sectionId: 'briefing-why', prose: mine });

    const vault = app.session.current();
    // What the reviewer saved wins over what is drawn; parts never saved print what is drawn.
    expect(readReportProse(vault.database, review.id)).toEqual({
      introduction: INTRODUCTION,
      'briefing-case': drawn?.prose,
      'briefing-why': mine,
      'briefing-found': found,
      'briefing-do': toDo?.prose,
    });
  });

  it('sums up what each data section prints from the records', async () => {
    const app = await newVaultApp();
    const review = await answer(app, 'reviews.create', {
      title: 'Child Q',
      type: 'cspr',
      scopeFrom: '2015-01-01',
      scopeTo: '2016-12-31',
      agencies: ['Northshire Police', 'Health visiting'],
    });
    await answer(app, 'people.add', { reviewId: review.id, name: 'Amira Test', role: 'child', pseudonym: 'Child Q' });
    const records = await answer(app, 'report.records', { reviewId: review.id });
    expect(records['terms-of-reference']).toBe('Scope 01/01/2015 to 31/12/2016; no terms of reference recorded');
    expect(records.background).toBe('1 person of the review, printed by pseudonym or role');
    expect(records['agency-involvement']).toBe('2 agencies, 0 chronology entries, 0 key practice episodes');
    const owner = { kind: 'review', id: review.id };
    await answer(app, 'analysis.finding.create', { owner, title: 'A finding' });
    const withFinding = await answer(app, 'report.records', { reviewId: review.id });
    expect(withFinding.findings).toBe('1 finding, each in the SCIE form');
    expect(withFinding.recommendations).toBe('0 recommendations, 0 actions in the action plan');
    expect(withFinding.analysis).toBe('0 contributory factors');
    expect(JSON.stringify(records)).not.toContain('Amira');
  });
});

describe('casebook report prose', () => {
  async function vaultWithReview() {
    const vault = await closedVault(tempDirectory());
    const created = casebook(['--vault', vault, 'review', 'create', '--title', 'Child Q', '--type', 'cspr', '--json']);
    expect(created.code).toBe(0);
    return { vault, reviewId: (JSON.parse(created.stdout) as { id: string }).id };
  }

  /** `report prose --section S --input SOURCE --json`, with `stdin` piped in. */
  function setSection(vault: string, reviewId: string, section: string, source: string, stdin?: string) {
    return casebook(
      ['--vault', vault, 'report', 'prose', '--review', reviewId, '--section', section, '--input', source, '--json'],
      stdin,
    );
  }

  it('sets a section from a file and from standard input, and reads them back with --json', async () => {
    const { vault, reviewId } = await vaultWithReview();
    const file = join(tempDirectory(), 'introduction.json');
    writeFileSync(file, JSON.stringify(INTRODUCTION));
    const fromFile = setSection(vault, reviewId, 'introduction', file);
    expect(fromFile.stderr).toBe('');
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ sectionId: 'introduction', version: 1 });

    const why: Prose = [{ type: 'paragraph', content: [{ text: 'Because', italic: true }] }];
    const fromStdin = setSection(vault, reviewId, 'briefing-why', '-', JSON.stringify(why));
    expect(fromStdin.code).toBe(0);

    const read = casebook(['--vault', vault, 'report', 'prose', '--review', reviewId, '--json']);
    expect(read.code).toBe(0);
    const sections = JSON.parse(read.stdout) as { sectionId: string; prose: Prose; version: number }[];
    expect(sections.map((section) => section.sectionId)).toEqual(PROSE_SECTION_IDS);
    expect(sections.find((section) => section.sectionId === 'introduction')?.prose).toEqual(INTRODUCTION);
    expect(sections.find((section) => section.sectionId === 'briefing-why')?.prose).toEqual(why);

    const one = casebook(['--vault', vault, 'report', 'prose', '--review', reviewId, '--section', 'introduction']);
    expect(one.stdout).toContain(
      '== introduction (version 1)\nWhy this review was held\nAgencies did not share what they knew',
    );
  });

  it('refuses bad prose before unlocking, says why, and writes nothing', async () => {
    const { vault, reviewId } = await vaultWithReview();
    const set = (stdin: string, section = 'introduction') => setSection(vault, reviewId, section, '-', stdin);

    const notJson = set('[{"type": "paragraph",');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toBe('--input: standard input is not valid JSON\n');
    const badLink = set(JSON.stringify([{ type: 'paragraph', content: [{ text: 'x', link: 'javascript:alert(1)' }] }]));
    expect(badLink.code).toBe(2);
    expect(badLink.stderr).toMatch(
      /^prose\.0\.content\.0\.link: A link must start with http:\/\/, https:\/\/ or mailto:/,
    );
    const badSection = set('[]', 'epilogue');
    expect(badSection.code).toBe(2);
    expect(badSection.stderr).toMatch(/sectionId: Choose a section of the report or the briefing/);
    const missing = setSection(vault, reviewId, 'introduction', join(tempDirectory(), 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--input: cannot read .*nope\.json \(ENOENT\)/);

    expect(await countsIn(vault, { prose: 'SELECT count(*) AS n FROM report_prose' })).toEqual({ prose: 0 });
  });
});
