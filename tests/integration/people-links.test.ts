import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CasebookApp } from '../../electron/app.js';
import { fold } from '../../shared/anonymise/normalise.js';
import type {
  ChronologyEntry,
  ChronologyExport,
  ChronologyListResult,
  Person,
  Review,
} from '../../shared/api/contract.js';
import { fails, ok } from '../support/api.js';
import { importCsv, newVaultAppFactory } from '../support/app.js';
import { chronologyImportArgs, closedVault, runCli } from '../support/cli.js';
import { tempDirectoryFactory } from '../support/temp.js';

/**
 * People found in the text, through a real vault: the CLI as a process, the app's
 * dispatcher for edits, and the anonymised export with its leak check.
 */

const tempDirectory = tempDirectoryFactory();
const newVaultApp = newVaultAppFactory();

const FILE = [
  'Date,Staff,Details,Outcome',
  '12/05/2015,Team manager,Tyler seen at school by Dr Okafor,Referral',
  '13/05/2015,ED nurse,"Ms Brown brought him to ED, marked bruise",Discharged',
  '14/05/2015,Duty worker,Strategy meeting held,s47',
].join('\r\n');

describe('casebook person add --also-known-as and chronology list people', () => {
  it('links imported entries to the people they name, by any of their names; lists and filters by person', async () => {
    const directory = tempDirectory();
    const vault = await closedVault(directory);
    const reviewId = JSON.parse(
      runCli(['--vault', vault, 'review', 'create', '--title', 'Child T', '--type', 'cspr', '--json']).stdout,
    ).id as string;
    const add = (args: string[], input?: string) => {
      const done = runCli(['--vault', vault, 'person', 'add', '--review', reviewId, ...args, '--json'], input);
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      return JSON.parse(done.stdout).id as string;
    };
    const child = add(
      ['--input', '-'],
      JSON.stringify({ name: 'Tyler James Okafor-Brown', role: 'child', pseudonym: 'Child T', alsoKnownAs: ['TJ'] }),
    );
    const doctor = add([
      ...['--name', 'Adaeze Okafor', '--role', 'professional', '--pseudonym', 'GP1'],
      ...['--also-known-as', 'Dr Okafor', '--also-known-as', 'Dr Ada'],
    ]);
    const mother = add([
      '--name',
      'Kelly Brown',
      '--role',
      'parent',
      '--pseudonym',
      'Mother',
      '--also-known-as',
      'Ms Brown',
    ]);

    const people = JSON.parse(runCli(['--vault', vault, 'person', 'list', '--review', reviewId, '--json']).stdout);
    expect(people.map((person: Person) => [person.pseudonym, person.alsoKnownAs])).toEqual([
      ['Child T', ['TJ']],
      ['Mother', ['Ms Brown']],
      ['GP1', ['Dr Okafor', 'Dr Ada']],
    ]);

    const file = join(directory, 'school.csv');
    writeFileSync(file, FILE);
    expect(runCli([...chronologyImportArgs(vault, reviewId, 'School'), file, '--json']).code).toBe(0);

    const listed = JSON.parse(runCli(['--vault', vault, 'chronology', 'list', '--review', reviewId, '--json']).stdout);
    // "Okafor" alone is shared by the child and the doctor, but "Dr Okafor" is the doctor's own other name.
    expect(listed.map((entry: { people: string[] }) => new Set(entry.people))).toEqual([
      new Set([child, doctor]),
      new Set([mother]),
      new Set(),
    ]);
    const aboutMother = JSON.parse(
      runCli(['--vault', vault, 'chronology', 'list', '--review', reviewId, '--person', mother, '--json']).stdout,
    );
    expect(aboutMother.map((entry: { event: string }) => entry.event)).toEqual([
      'Ms Brown brought him to ED, marked bruise',
    ]);
  });

  it('refuses a bad other name, NHS number or date of birth with a clear message and adds no one', async () => {
    const vault = await closedVault(tempDirectory());
    const reviewId = JSON.parse(
      runCli(['--vault', vault, 'review', 'create', '--title', 'Child T', '--type', 'cspr', '--json']).stdout,
    ).id as string;
    const base = ['--vault', vault, 'person', 'add', '--review', reviewId, '--input', '-', '--json'];
    const person = { name: 'Tyler Okafor', role: 'child', pseudonym: 'Child T' };
    const bad = runCli(base, JSON.stringify({ ...person, nhsNumber: '123 456 7890', dateOfBirth: '2015-02-31' }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/NHS number/);
    expect(bad.stderr).toMatch(/Date of birth/);
    expect(runCli(base, JSON.stringify({ ...person, alsoKnownAs: [''] })).stderr).toMatch(/other name/);
    const none = JSON.parse(runCli(['--vault', vault, 'person', 'list', '--review', reviewId, '--json']).stdout);
    expect(none).toEqual([]);
  });
});

async function entries(app: CasebookApp, reviewId: string, personIds?: string[]): Promise<ChronologyEntry[]> {
  const filters = personIds ? { personIds } : {};
  return (await ok<ChronologyListResult>(app.invoke('chronology.list', { reviewId, filters }))).entries;
}

async function reviewWithPeople() {
  const app = await newVaultApp();
  const review = await ok<Review>(app.invoke('reviews.create', { title: 'Child T: CSPR', type: 'cspr' }));
  const add = (person: Record<string, unknown>) =>
    ok<Person>(app.invoke('people.add', { reviewId: review.id, ...person }));
  const child = await add({
    name: 'Tyler Okafor',
    role: 'child',
    pseudonym: 'Child T',
    nhsNumber: '943 476 5919',
    dateOfBirth: '2014-03-09',
    postcode: 'LS1 4AB',
  });
  const mother = await add({ name: 'Kelly Brown', role: 'parent', pseudonym: 'Mother', alsoKnownAs: ['Ms Brown'] });
  return { app, reviewId: review.id, child, mother };
}

describe('automatic person links', () => {
  it('follow the text on edit; a removed link stays removed; the reviewer’s own link stays', async () => {
    const { app, reviewId, child, mother } = await reviewWithPeople();
    await importCsv(app, reviewId, 'School', FILE);
    const [first, second, third] = await entries(app, reviewId);
    expect(first?.personIds).toEqual([child.id]);
    expect(second?.personIds).toEqual([mother.id]);
    expect(third?.personIds).toEqual([]);
    expect((await entries(app, reviewId, [child.id])).map((entry) => entry.id)).toEqual([first?.id]);

    // Edit: the text now names the mother and no longer the child.
    const edited = await ok<{ entry: ChronologyEntry }>(
      app.invoke('chronology.update', { id: first?.id, event: 'Mother (Kelly) rang the school' }),
    );
    expect(edited.entry.personIds).toEqual([mother.id]);

    // The reviewer removes the mother's link: it stays removed when the text is edited again.
    await ok(app.invoke('chronology.update', { id: second?.id, personIds: [] }));
    await ok(app.invoke('chronology.update', { id: second?.id, event: 'Ms Brown and Kelly Brown came back' }));
    // ...and when her names change, which finds people again across the review.
    await ok(app.invoke('people.update', { id: mother.id, alsoKnownAs: ['Ms Brown', 'Kel'] }));
    const afterRemoval = await entries(app, reviewId);
    expect(afterRemoval[1]?.personIds).toEqual([]);

    // The reviewer's own link on an entry that names no one survives an edit.
    await ok(app.invoke('chronology.update', { id: third?.id, personIds: [child.id] }));
    await ok(app.invoke('chronology.update', { id: third?.id, event: 'Strategy meeting held again' }));
    expect((await entries(app, reviewId))[2]?.personIds).toEqual([child.id]);

    // Linking by hand again forgets the removal.
    await ok(app.invoke('chronology.update', { id: second?.id, personIds: [mother.id] }));
    expect((await entries(app, reviewId))[1]?.personIds).toEqual([mother.id]);
  });

  it('a person added after the import is linked to the entries that name them; a typed-in entry is linked too', async () => {
    const { app, reviewId } = await reviewWithPeople();
    await importCsv(app, reviewId, 'School', FILE);
    const doctor = await ok<Person>(
      app.invoke('people.add', {
        reviewId,
        name: 'Adaeze Okafor',
        role: 'professional',
        pseudonym: 'GP1',
        alsoKnownAs: ['Dr Okafor'],
      }),
    );
    expect((await entries(app, reviewId, [doctor.id])).map((entry) => entry.event)).toEqual([
      'Tyler seen at school by Dr Okafor',
    ]);
    const typed = await ok<ChronologyEntry>(
      app.invoke('chronology.create', { reviewId, agency: 'GP', date: '20/05/2015', event: 'Dr Okafor saw Tyler' }),
    );
    expect(new Set(typed.personIds).size).toBe(2);
  });
});

describe('anonymised export', () => {
  it('leaves no real name under the disguises a new user typed, keeps job titles, keeps words containing a name', async () => {
    const { app, reviewId } = await reviewWithPeople();
    await ok(app.invoke('people.add', { reviewId, name: "Daniel O'Brien", role: 'other', pseudonym: 'Partner' }));
    const disguised = [
      'Date,Staff,Details,Outcome',
      '12/05/2015,Team manager,"Ty\u0301ler and Ty\u200Bler seen; Oka\u00ADfor family marked as CIN",Plan',
      '13/05/2015,ED nurse,"Mr O’Brien’s car; KELLY BROWN’s phone; Tyler’s school",Advice',
    ].join('\r\n');
    await importCsv(app, reviewId, 'School', disguised);
    const exported = await ok<ChronologyExport>(
      app.invoke('chronology.export', { reviewId, format: 'csv', anonymise: true }),
    );
    const text = Buffer.from(exported.contentBase64, 'base64').toString('utf8');
    const folded = fold(text);
    for (const name of ['tyler', 'okafor', 'kelly', 'brown', "o'brien", 'daniel']) {
      expect(folded.includes(name), name).toBe(false);
    }
    expect(text).toContain('"Team manager"');
    expect(text).toContain('"ED nurse"');
    expect(text).toContain('marked as CIN');
    expect(text).toContain('Partner’s car; Mother’s phone; Child T’s school');
  });

  it('writes a date of birth, in the date column or the text, as the person’s date of birth', async () => {
    const { app, reviewId } = await reviewWithPeople();
    const file = [
      'Date,Staff,Details,Outcome',
      '09/03/2014,Midwife,"Tyler born at 38 weeks, 09/03/2014",Discharged home',
      '13/05/2015,GP,"Seen in clinic, DOB 9th March 2014 confirmed",None',
    ].join('\r\n');
    await importCsv(app, reviewId, 'Maternity', file);
    const exported = await ok<ChronologyExport>(
      app.invoke('chronology.export', { reviewId, format: 'csv', anonymise: true }),
    );
    const text = Buffer.from(exported.contentBase64, 'base64').toString('utf8');
    expect(text).not.toMatch(/09\/03\/2014|9th March 2014/);
    const rows = text.split(/\r?\n/);
    expect(rows.find((row) => row.includes('born at 38 weeks'))).toMatch(
      /^"?1"?,"?\[Child T’s date of birth\]"?,.*Child T born at 38 weeks, \[Child T’s date of birth\]/,
    );
    expect(text).toContain('DOB [Child T’s date of birth] confirmed');
  });

  it('refuses an export whose text holds an NHS number or postcode, and says where', async () => {
    const { app, reviewId } = await reviewWithPeople();
    const file = [
      'Date,Staff,Details,Outcome',
      '12/05/2015,GP,Seen in clinic,None',
      '13/05/2015,GP,NHS no 9434765919 checked,"Born 9th March 2014, lives at ls14ab"',
    ].join('\r\n');
    await importCsv(app, reviewId, 'GP', file);
    const refused = await fails(app.invoke('chronology.export', { reviewId, format: 'xlsx', anonymise: true }));
    expect(refused.code).toBe('conflict');
    expect(refused.issues).toEqual([
      { path: 'Row 2, Event', message: 'Row 2, Event: an NHS number (Child T)' },
      { path: 'Row 2, Action / outcome', message: 'Row 2, Action / outcome: a postcode (Child T)' },
    ]);
    expect(refused.message).toContain('Row 2, Event: an NHS number (Child T)');
    expect(refused.message).not.toMatch(/9434765919|ls14ab/i);
    // The same export not anonymised is the reviewer's own working copy: allowed.
    await ok(app.invoke('chronology.export', { reviewId, format: 'xlsx', anonymise: false }));
  });
});
