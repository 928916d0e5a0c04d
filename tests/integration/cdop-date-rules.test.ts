import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import type { CdopCaseDetail, CdopImportPreview } from '../../shared/api/contract.js';
import { fails, ok } from '../support/api.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/**
 * A case's dates are checked by one rule (shared/cdop/dates.ts `caseDateProblems`)
 * whether the case is typed in or imported: the same dates get the same reason on
 * both paths, through the real channels on a real vault.
 */

const tempDirectory = tempDirectoryFactory();
let app: CasebookApp | undefined;

afterEach(() => {
  app?.close();
  app = undefined;
});

// [birth, death, notified, review completed], each breaking one rule; UK dates for the file, ISO for the form.
const BROKEN: [string, string, string, string | null][] = [
  ['2023-05-10', '2023-05-09', '2023-05-11', null], // death before birth
  ['2006-05-10', '2024-05-10', '2024-05-11', null], // 18 at death
  ['2023-05-10', '2023-06-07', '2023-06-06', null], // notified before death
  ['2023-05-10', '2023-06-07', '2023-06-08', '2023-06-06'], // review completed before death
];
const uk = (iso: string | null) => (iso === null ? '' : iso.split('-').reverse().join('/'));

describe('CDOP date rules', () => {
  it('give the same reason for the same dates, typed in or imported', async () => {
    app = createCasebookApp(join(tempDirectory(), 'cdop.vault'), { scrypt: FAST_SCRYPT });
    await ok(app.invoke('vault.create', { passphrase: PASSPHRASE }));

    const csv = [
      'Case Ref,DOB,Date of death,Gender,Expected/Unexpected,Category of death,Modifiable factors,Date of notification,Review completed',
      ...BROKEN.map(
        ([birth, death, notified, reviewed], at) =>
          `X-${at},${uk(birth)},${uk(death)},female,unexpected,${reviewed ? '10,none' : ','},${uk(notified)},${uk(reviewed)}`,
      ),
    ].join('\r\n');
    const preview = await ok<CdopImportPreview>(
      app.invoke('cdop.previewImport', { fileName: 'old.csv', contentBase64: Buffer.from(csv).toString('base64') }),
    );
    const imported = preview.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => problem.reason);

    const typed: string[] = [];
    for (const [at, [dateOfBirth, dateOfDeath, dateNotified, reviewed]] of BROKEN.entries()) {
      const notification = {
        reference: `T-${at}`,
        childName: 'Ava Example',
        sex: 'female',
        dateOfBirth,
        dateOfDeath,
        dateNotified,
      };
      if (reviewed === null) {
        typed.push((await fails(app.invoke('cdop.case.create', notification))).message);
        continue;
      }
      // A review completion date is given when the review is marked complete.
      const created = await ok<CdopCaseDetail>(app.invoke('cdop.case.create', notification));
      await ok(app.invoke('cdop.case.setCategory', { id: created.id, category: 10 }));
      await ok(app.invoke('cdop.case.setOutcome', { id: created.id, outcome: 'none' }));
      for (const status of ['information_gathering', 'ready_for_panel']) {
        await ok(app.invoke('cdop.case.setStatus', { id: created.id, status }));
      }
      const completed = { id: created.id, status: 'reviewed', dateReviewCompleted: reviewed };
      typed.push((await fails(app.invoke('cdop.case.setStatus', completed))).message);
    }

    expect(typed).toEqual([
      'The date of death is before the date of birth',
      'The child was 18 or over at death: CDOPs review deaths of children under 18',
      'The date notified is before the date of death',
      'The review cannot be completed before the date of death',
    ]);
    expect(imported).toEqual(typed);
  });
});
