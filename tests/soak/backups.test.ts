import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainFailure } from '../../db/failures.js';
import { createReview, listReviews } from '../../db/reviews.js';
import { Vault } from '../../db/vault.js';
import { reviewCreateSchema } from '../../shared/api/channels/reviews.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';
import { PROFILE, recordFigures, SEED } from './support/profile.js';

/**
 * Backups restored: a vault gains reviews and is backed up after each, then damaged
 * (random bytes over a random run of its pages) and restored from a random backup,
 * again and again; each restore must hold exactly the reviews of that backup's day.
 */

const tempDirectory = tempDirectoryFactory();

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('backups under damage', () => {
  it(`restores the chosen backup over a damaged vault (${PROFILE.backupRestores} times)`, async () => {
    const directory = tempDirectory();
    const path = join(directory, 'case.vault');
    const next = random(SEED + 2);
    const { vault: created } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    created.close();
    let damaged = 0;
    let restored = 0;

    for (let round = 0; round < PROFILE.backupRestores; round++) {
      const backups: { path: string; titles: string[] }[] = [];
      let vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
      for (let step = 0; step < 3; step++) {
        createReview(vault, reviewCreateSchema.parse({ title: `Round ${round} review ${step}`, type: 'scr' }));
        const backup = join(directory, `round-${round}-${step}.casebook`);
        vault.backup(backup);
        backups.push({ path: backup, titles: listReviews(vault.database).map((review) => review.title) });
      }
      vault.close();

      // Damage: 256 random bytes at a random place in each of a few pages after the first.
      const pages = statSync(path).size / 4096;
      const file = openSync(path, 'r+');
      for (let hit = 0; hit < 4; hit++) {
        const page = 1 + Math.floor(next() * (pages - 1));
        const bytes = Buffer.from(Array.from({ length: 256 }, () => Math.floor(next() * 256)));
        writeSync(file, bytes, 0, bytes.length, page * 4096 + Math.floor(next() * 3_800));
      }
      closeSync(file);
      try {
        const opened = await Vault.unlock(path, { passphrase: PASSPHRASE });
        listReviews(opened.database);
        opened.close();
      } catch (error) {
        expect(explainFailure(error)?.code).toBe('vault_damaged');
        damaged++;
      }

      const chosen = backups[Math.floor(next() * backups.length)] as { path: string; titles: string[] };
      vault = (await Vault.restore(path, chosen.path, { passphrase: PASSPHRASE })).vault;
      expect(listReviews(vault.database).map((review) => review.title)).toEqual(chosen.titles);
      vault.close();
      restored++;
    }
    recordFigures('backups', [
      { label: 'backups made and checked', value: PROFILE.backupRestores * 3 },
      { label: 'damaged vaults refused at unlock', value: damaged },
      { label: 'backups restored and checked', value: restored },
    ]);
  }, 3_600_000);
});
