import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addFactor, addLearningPoint, createCase } from '../../db/cdop-cases.js';
import { addPerson } from '../../db/people.js';
import { createReview } from '../../db/reviews.js';
import { Vault } from '../../db/vault.js';
import { packageParts } from '../../electron/services/reports/package.js';
import { fold } from '../../shared/anonymise/normalise.js';
import { caseCreateInput } from '../../shared/api/channels/cdop.js';
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
