import { describe, expect, it } from 'vitest';
import { listPeople } from '../../db/people.js';
import { getReview } from '../../db/reviews.js';
import { Vault } from '../../db/vault.js';
import { createCasebookApp } from '../../electron/app.js';
import type { Review } from '../../shared/api/contract.js';
import { casebook, closedVault } from '../support/cli.js';
import { PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

const newVault = () => closedVault(tempDirectory());

/** `casebook person add` on a review, with the person's flags. */
function addPerson(vault: string, reviewId: string, ...flags: string[]) {
  return casebook(['--vault', vault, 'person', 'add', '--review', reviewId, ...flags]);
}

/** The id a `--json` create or add printed, checking it printed exactly `{"id"}`, nothing on stderr, and exited 0. */
function printedId(result: ReturnType<typeof casebook>): string {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^\{"id":"[0-9a-f-]{36}"\}\n$/);
  return (JSON.parse(result.stdout) as { id: string }).id;
}

/** Audit rows other than the vault's own (created, unlocked): what commands changed. */
async function auditedChanges(path: string): Promise<string[]> {
  const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
  try {
    const rows = vault.database.prepare("SELECT entity, action FROM audit_log WHERE entity != 'vault'").all() as {
      entity: string;
      action: string;
    }[];
    return rows.map((row) => `${row.entity} ${row.action}`);
  } finally {
    vault.close();
  }
}

describe('casebook review and person commands', () => {
  it('review create --json prints exactly {"id"}; review list --json lists it; person add --json prints {"id"}', async () => {
    const vault = await newVault();
    const created = casebook([
      '--vault',
      vault,
      'review',
      'create',
      '--title',
      'Child H',
      '--type',
      'scr',
      '--scope-from',
      '2014-01-01',
      '--scope-to',
      '2016-06-30',
      '--json',
    ]);
    const id = printedId(created);

    const second = casebook([
      'review',
      'create',
      '--title',
      'Learning',
      '--type',
      'Single-Agency',
      '--vault',
      vault,
      '--json',
    ]);
    expect(second.code).toBe(0);

    const list = casebook(['--vault', vault, '--json', 'review', 'list']);
    expect(list.code).toBe(0);
    const reviews = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(reviews).toHaveLength(2);
    expect(reviews.find((review) => review.id === id)).toEqual({
      id,
      title: 'Child H',
      type: 'scr',
      typeLabel: 'Serious Case Review (SCR)',
      scopeFrom: '2014-01-01',
      scopeTo: '2016-06-30',
      status: null,
      statusLabel: 'Not started',
      archived: false,
      archivedAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      awareOn: null,
      notifiedOn: null,
      rapidReviewHeldOn: null,
      decidedOn: null,
      publishedOn: null,
      deadlines: [],
    });
    expect(reviews.map((review) => review.type).sort()).toEqual(['scr', 'single-agency']);

    const person = addPerson(
      vault,
      id,
      '--name',
      'Dr Jane Smith',
      '--role',
      'PROFESSIONAL',
      '--pseudonym',
      'GP1',
      '--relationship',
      'GP',
      '--agency',
      'Northshire GP Practice',
      '--json',
    );
    printedId(person);
    const child = addPerson(vault, id, '--name', 'Harry', '--role', 'Child', '--pseudonym', 'Child H');
    expect(child.code).toBe(0);
    expect(child.stdout).toMatch(/^Added Child H \([0-9a-f-]{36}\)\n$/);

    const people = JSON.parse(casebook(['--vault', vault, 'person', 'list', '--review', id, '--json']).stdout);
    expect(
      people.map((entry: { pseudonym: string; role: string; agency: string | null }) => [
        entry.pseudonym,
        entry.role,
        entry.agency,
      ]),
    ).toEqual([
      ['Child H', 'child', null],
      ['GP1', 'professional', 'Northshire GP Practice'],
    ]);
  });

  it('bad input: one plain line on stderr, a non-zero exit, and nothing written', async () => {
    const vault = await newVault();
    const inVault = (...args: string[]) => casebook(['--vault', vault, ...args]);
    /** A valid review but for the flags given. */
    const createReview = (...flags: string[]) => inVault('review', 'create', '--title', 'T', '--type', 'scr', ...flags);
    const badType = inVault('review', 'create', '--title', 'T', '--type', 'serious');
    expect(badType.code).not.toBe(0);
    expect(badType.stderr).toBe('--type: Choose a review type: scr, cspr, rapid, learning, single-agency\n');

    const missing = inVault('review', 'create', '--type', 'scr');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toBe(
      'missing --title; usage: casebook review create --input - with {"title": ..., "type": "scr|cspr|rapid|learning|single-agency"} on standard input\n',
    );

    const badDate = createReview('--scope-from', '31/02/2015', '--json');
    expect(badDate.code).not.toBe(0);
    expect(badDate.stderr).toBe('--scope-from: Scope start: enter a real date as YYYY-MM-DD, e.g. 2015-05-12\n');
    expect(JSON.parse(badDate.stdout)).toMatchObject({ error: { code: 'invalid_payload' } });

    const reversed = createReview('--scope-from', '2016-01-01', '--scope-to', '2015-01-01');
    expect(reversed.stderr).toBe('--scope-to: The scope period must not end before it starts\n');

    const badRole = inVault('person', 'add', '--review', 'x', '--name', 'N', '--role', 'uncle', '--pseudonym', 'P');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toBe('--role: Choose a role: child, parent, family-member, professional, other\n');

    const noReview = inVault(
      'person',
      'add',
      '--review',
      'nope',
      '--name',
      'N',
      '--role',
      'child',
      '--pseudonym',
      'Child A',
    );
    expect(noReview.code).not.toBe(0);
    expect(noReview.stderr).toBe('review not found: nope\n');

    expect(await auditedChanges(vault)).toEqual([]);
    expect(JSON.parse(inVault('review', 'list', '--json').stdout)).toEqual([]);
  });

  it('refuses a second person with the same pseudonym in a review', async () => {
    const vault = await newVault();
    const { id } = JSON.parse(
      casebook(['--vault', vault, 'review', 'create', '--title', 'T', '--type', 'cspr', '--json']).stdout,
    );
    const add = () => addPerson(vault, id, '--name', 'N', '--role', 'family member', '--pseudonym', 'Mother');
    expect(add().code).toBe(0);
    const again = add();
    expect(again.code).not.toBe(0);
    expect(again.stderr).toBe(
      'The pseudonym "Mother" is already used by another person in this review; each person needs their own.\n',
    );
  });
});

describe('personal values on standard input (--input -), not in the process arguments', () => {
  it("review create and person add take their values as one JSON object with the flags' names", async () => {
    const vault = await newVault();
    const created = casebook(
      ['--vault', vault, 'review', 'create', '--input', '-', '--json'],
      JSON.stringify({
        title: 'Child H',
        type: 'CSPR',
        scopeFrom: '2014-01-01',
        scopeTo: '2016-06-30',
        agency: ['Northshire Police', 'Northshire GP Practice'],
        leadReviewer: ['Ann Reviewer'],
      }),
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const added = casebook(
      ['--vault', vault, 'person', 'add', '--review', id, '--input', '-', '--json'],
      JSON.stringify({ name: 'Harry Smith', role: 'child', pseudonym: 'Child H', notes: 'Youngest of three' }),
    );
    printedId(added);

    const opened = await Vault.unlock(vault, { passphrase: PASSPHRASE });
    try {
      expect(getReview(opened.database, id)).toMatchObject({
        title: 'Child H',
        type: 'cspr',
        scopeFrom: '2014-01-01',
        scopeTo: '2016-06-30',
        agencies: [{ name: 'Northshire Police' }, { name: 'Northshire GP Practice' }],
        leadReviewers: ['Ann Reviewer'],
      });
      expect(listPeople(opened.database, id)).toMatchObject([
        { name: 'Harry Smith', role: 'child', pseudonym: 'Child H', notes: 'Youngest of three' },
      ]);
    } finally {
      opened.close();
    }
  });

  it('a bad value on standard input gets the same message and issues as in the app, and writes nothing', async () => {
    const vault = await newVault();
    const { id } = JSON.parse(
      casebook(['--vault', vault, 'review', 'create', '--input', '-', '--json'], '{"title": "T", "type": "scr"}')
        .stdout,
    );
    const person = { name: 'Harry Smith', role: 'uncle', pseudonym: 'x'.repeat(61) };
    const bad = casebook(
      ['--vault', vault, 'person', 'add', '--review', id, '--input', '-', '--json'],
      JSON.stringify(person),
    );
    expect(bad.code).toBe(2);
    const app = createCasebookApp(vault);
    const inApp = await app.invoke('people.add', { reviewId: id, ...person });
    app.close();
    expect(inApp).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const issues = inApp.ok ? [] : (inApp.error.issues ?? []);
    expect(issues.map((issue) => issue.path)).toEqual(['role', 'pseudonym']);
    expect(JSON.parse(bad.stdout)).toEqual({
      error: { code: 'invalid_payload', message: expect.any(String), issues },
    });
    expect(bad.stderr).toBe(`${issues.map((issue) => `--${issue.path}: ${issue.message}`).join('; ')}\n`);

    const personAdd = ['--vault', vault, 'person', 'add', '--review', id, '--input', '-'];
    const refusals = [
      [
        casebook(personAdd, '{"name": "A", "role": "child", "pseudonym": "P", "nmae": "B"}'),
        '--input: unknown field "nmae"; the fields are review, name, role, pseudonym, relationship, agency, notes, alsoKnownAs, nhsNumber, dateOfBirth, address, postcode',
      ],
      [
        casebook([...personAdd, '--name', 'A'], '{"name": "A", "role": "child", "pseudonym": "P"}'),
        '--name is given twice: as a flag and as "name" in --input',
      ],
      [casebook(personAdd, '{"name": "A",'), '--input: standard input is not valid JSON'],
      [casebook(personAdd, '["A"]'), '--input: standard input must be one JSON object, e.g. {"name": "..."}'],
      [
        casebook(personAdd, '{"name": "A"}'),
        'missing --role, --pseudonym; usage: casebook person add --review ID --input - with {"name": ..., "role": ..., "pseudonym": ...} on standard input',
      ],
      [casebook([...personAdd.slice(0, -1), 'names.json'], '{}'), '--input takes "-" (standard input), not names.json'],
    ] as const;
    for (const [result, message] of refusals) {
      expect(result.stderr).toBe(`${message}\n`);
      expect(result.code).toBe(2);
    }
    expect(await auditedChanges(vault)).toEqual(['review created']);
  });

  it('--help shows --input first, with an example, and says what the flags expose', () => {
    for (const command of [
      ['review', 'create'],
      ['person', 'add'],
    ]) {
      const help = casebook([...command, '--help']).stdout;
      expect(help).toContain(`casebook ${command.join(' ')} `);
      const options = help.slice(help.indexOf('Options:')).split('\n');
      expect(options[1]).toMatch(/^ {2}--input <source>/);
      expect(help).toContain('--input - --json');
      expect(help).toContain('process list');
      expect(help).toContain('shell history');
    }
  });
});

/** `review create --type rapid --aware-on DATE --json`, as in the README. */
function createRapidReview(vault: string, awareOn: string) {
  return casebook([
    '--vault',
    vault,
    'review',
    'create',
    '--type',
    'rapid',
    '--title',
    'Child R',
    '--aware-on',
    awareOn,
    '--json',
  ]);
}

describe('casebook review create --aware-on and review get', () => {
  it('counts the notification and rapid review due dates in working days over Christmas and New Year', async () => {
    const vault = await newVault();
    const created = createRapidReview(vault, '2021-12-24');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };

    const got = casebook(['--vault', vault, 'review', 'get', '--review', id, '--json']);
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    const review = JSON.parse(got.stdout) as Review;
    expect(review).toMatchObject({ id, type: 'rapid', awareOn: '2021-12-24', notifiedOn: null });
    expect(review.deadlines.map(({ step, due }) => ({ step, due }))).toEqual([
      { step: 'notification', due: '2022-01-05' },
      { step: 'rapid-review', due: '2022-01-19' },
    ]);
    // Long past and never recorded as done.
    expect(review.deadlines.every((deadline) => deadline.overdue)).toBe(true);

    const text = casebook(['--vault', vault, 'review', 'get', '--review', id]);
    expect(text.stdout).toContain('Notification to the national panel: due 2022-01-05');
    expect(text.stdout).toContain('is overdue');
  });

  it('refuses a date that is not real before unlocking, and writes nothing', async () => {
    const vault = await newVault();
    const bad = createRapidReview(vault, '2021-02-30');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--aware-on');
    expect(bad.stderr).toContain('enter a real date as YYYY-MM-DD');
    const listed = casebook(['--vault', vault, 'review', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('review get without --review says how to use it', async () => {
    const vault = await newVault();
    const missing = casebook(['--vault', vault, 'review', 'get', '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('casebook review get --review ID');
  });
});
