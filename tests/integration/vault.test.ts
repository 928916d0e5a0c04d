import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../db/audit.js';
import { checkPages } from '../../db/connection.js';
import { explainFailure } from '../../db/failures.js';
import { DEFAULT_SCRYPT, keyFilePath } from '../../db/key-envelope.js';
import { readSettings, updateSettings } from '../../db/settings.js';
import { Vault } from '../../db/vault.js';
import { BUSY_MESSAGE, CasebookError, WRONG_PASSPHRASE_MESSAGE } from '../../shared/api/errors.js';
import { APP_VERSION } from '../../shared/version.js';
import { ROOT } from '../support/build.js';
import { otherProcessWriting } from '../support/other-writer.js';
import { FAST_SCRYPT, OTHER_PASSPHRASE, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

async function expectCode(promise: Promise<unknown> | (() => unknown), code: string): Promise<CasebookError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(CasebookError);
    expect((error as CasebookError).code).toBe(code);
    return error as CasebookError;
  }
  throw new Error(`expected a CasebookError with code ${code}`);
}

describe('vault', () => {
  it('creates an encrypted file that is not plain SQLite, with an owner-only key file and the default KDF cost', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const { vault, recoveryKey } = await Vault.create(path, PASSPHRASE);
    vault.close();
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const keys = JSON.parse(readFileSync(keyFilePath(path), 'utf8'));
    expect(keys.passphrase).toMatchObject({ kdf: 'scrypt', N: DEFAULT_SCRYPT.N, r: DEFAULT_SCRYPT.r });
    expect(JSON.stringify(keys)).not.toContain(PASSPHRASE);
    if (process.platform !== 'win32') {
      expect(statSync(keyFilePath(path)).mode & 0o777).toBe(0o600);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    expect(existsSync(`${path}.creating`)).toBe(false);
  });

  it('refuses a wrong passphrase with a clear message, then opens with the right one', async () => {
    const path = join(tempDirectory(), 'case.vault');
    (await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT })).vault.close();
    const error = await expectCode(Vault.unlock(path, { passphrase: OTHER_PASSPHRASE }), 'wrong_passphrase');
    expect(error.message).toBe(WRONG_PASSPHRASE_MESSAGE);
    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
    expect(vault.unlockedWith).toBe('passphrase');
    vault.close();
  });

  it('says when the vault file does not exist, and refuses to create over an existing one', async () => {
    const directory = tempDirectory();
    const missing = join(directory, 'missing.vault');
    const error = await expectCode(Vault.unlock(missing, { passphrase: PASSPHRASE }), 'vault_not_found');
    expect(error.message).toBe(`vault not found: ${missing}`);
    const path = join(directory, 'case.vault');
    (await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT })).vault.close();
    await expectCode(Vault.create(path, OTHER_PASSPHRASE, { scrypt: FAST_SCRYPT }), 'vault_exists');
  });

  it('refuses a weak passphrase and leaves nothing on disk', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const error = await expectCode(Vault.create(path, 'password123'), 'weak_passphrase');
    expect(error.message).toMatch(/^Passphrase too weak: /);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(keyFilePath(path))).toBe(false);
  });

  it('opens with the recovery key however it is typed, and refuses a wrong one', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const { vault, recoveryKey } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    vault.close();
    const typed = recoveryKey.toLowerCase().replaceAll('-', ' ');
    const reopened = await Vault.unlock(path, { recoveryKey: typed });
    expect(reopened.unlockedWith).toBe('recoveryKey');
    reopened.close();
    const wrong = recoveryKey.startsWith('A') ? `B${recoveryKey.slice(1)}` : `A${recoveryKey.slice(1)}`;
    await expectCode(Vault.unlock(path, { recoveryKey: wrong }), 'wrong_passphrase');
    await expectCode(Vault.unlock(path, { recoveryKey: 'not a key' }), 'wrong_passphrase');
  });

  it('changes the passphrase without rewriting the database; the old one stops working and the recovery key still works', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const { vault, recoveryKey } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    updateSettings(vault.database, vault.actor(), { reviewerName: 'Lead Reviewer A' });
    vault.close();
    const databaseBefore = readFileSync(path);

    const opened = await Vault.unlock(path, { passphrase: PASSPHRASE }, { scrypt: FAST_SCRYPT });
    await expectCode(opened.changePassphrase(OTHER_PASSPHRASE, PASSPHRASE), 'wrong_passphrase');
    await expectCode(opened.changePassphrase(PASSPHRASE, 'too weak'), 'weak_passphrase');
    await opened.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE);
    opened.close();
    // The passphrase wraps the data key; the database pages are untouched by the change itself.
    expect(readFileSync(path).subarray(0, 1024).equals(databaseBefore.subarray(0, 1024))).toBe(true);

    await expectCode(Vault.unlock(path, { passphrase: PASSPHRASE }), 'wrong_passphrase');
    const withNew = await Vault.unlock(path, { passphrase: OTHER_PASSPHRASE });
    expect(readSettings(withNew.database, 'x').reviewerName).toBe('Lead Reviewer A');
    withNew.close();

    // Forgotten passphrase: the recovery key opens the vault and proves the right to set a new one.
    const recovered = await Vault.unlock(path, { recoveryKey }, { scrypt: FAST_SCRYPT });
    await recovered.changePassphrase(recoveryKey, PASSPHRASE);
    expect(recovered.unlockedWith).toBe('passphrase');
    recovered.close();
    (await Vault.unlock(path, { passphrase: PASSPHRASE })).close();
  });

  it('leaves no plaintext in the vault, -wal or -shm files after writes', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const marker = 'PLAINTEXT-MARKER-Zebedee-Quilliam';
    const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    for (let i = 0; i < 50; i++) updateSettings(vault.database, vault.actor(), { reviewerName: `${marker} ${i}` });
    const files = [path, `${path}-wal`, `${path}-shm`, keyFilePath(path)];
    // While open, the -wal file holds the recent writes.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    for (const file of files.filter(existsSync)) {
      expect(readFileSync(file).includes(Buffer.from(marker)), `${file} contains the marker`).toBe(false);
    }
    vault.close();
    for (const file of files.filter(existsSync)) {
      expect(readFileSync(file).includes(Buffer.from(marker)), `${file} contains the marker`).toBe(false);
    }
    const reopened = await Vault.unlock(path, { passphrase: PASSPHRASE });
    expect(readSettings(reopened.database, 'x').reviewerName).toBe(`${marker} 49`);
    reopened.close();
  });

  it('runs with WAL, foreign keys and synchronous FULL, and records every write in the audit log', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    expect(vault.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(vault.database.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(vault.database.pragma('synchronous', { simple: true })).toBe(2);
    expect(vault.database.pragma('temp_store', { simple: true })).toBe(2);
    expect(vault.database.pragma('cache_size', { simple: true })).toBe(-65536);
    updateSettings(vault.database, 'Reviewer B', { idleLockMinutes: 5 });
    const actions = vault.database.prepare('SELECT actor, entity, action FROM audit_log ORDER BY seq').all();
    expect(actions).toEqual([
      expect.objectContaining({ entity: 'vault', action: 'created' }),
      { actor: 'Reviewer B', entity: 'settings', action: 'updated' },
    ]);
    vault.close();
  });

  it('keeps the audit log append-only and detects an altered or removed row', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    for (let i = 1; i <= 5; i++) updateSettings(vault.database, 'Reviewer', { idleLockMinutes: i });
    expect(verifyAuditChain(vault.database)).toEqual({ ok: true, entries: 6, firstBrokenSeq: null, problem: null });
    expect(() => vault.database.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3").run()).toThrow(
      /append-only/,
    );
    expect(() => vault.database.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/);

    // Someone with the key and a SQLite shell drops the guard and edits history.
    vault.database.exec('DROP TRIGGER audit_log_no_update');
    vault.database.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3").run();
    expect(verifyAuditChain(vault.database)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      problem: 'entry 3 has been altered',
    });
    vault.close();

    const other = join(tempDirectory(), 'other.vault');
    const second = await Vault.create(other, PASSPHRASE, { scrypt: FAST_SCRYPT });
    for (let i = 1; i <= 3; i++) updateSettings(second.vault.database, 'Reviewer', { idleLockMinutes: i });
    second.vault.database.exec('DROP TRIGGER audit_log_no_delete');
    second.vault.database.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(verifyAuditChain(second.vault.database)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    second.vault.close();
  });

  it('rolls a failed write back whole, audit row included', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    const countAudit = () => (vault.database.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = countAudit();
    expect(() =>
      vault.write({ entity: 'settings', action: 'updated' }, () => {
        vault.database.prepare("INSERT INTO setting (key, value) VALUES ('reviewerName', '\"half\"')").run();
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
    expect(countAudit()).toBe(before);
    expect(readSettings(vault.database, 'fallback').reviewerName).toBe('fallback');
    vault.close();
  });

  it('survives a process killed in the middle of a write: the vault is as it was before', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    updateSettings(vault.database, 'Reviewer', { reviewerName: 'Before the crash' });
    vault.close();
    // A separate process opens the vault, writes inside a transaction and is killed before it commits.
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
        const { Vault } = await import(${JSON.stringify(join(ROOT, 'dist/db/vault.js'))});
        const vault = await Vault.unlock(${JSON.stringify(path)}, { passphrase: process.env.P });
        vault.write({ entity: 'settings', action: 'updated' }, () => {
          const upsert = vault.database.prepare("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
          for (let i = 0; i < 20000; i++) upsert.run('k' + i, JSON.stringify('x'.repeat(200)));
          upsert.run('reviewerName', JSON.stringify('During the crash'));
          process.kill(process.pid, 'SIGKILL');
        });
      `,
      ],
      { env: { ...process.env, P: PASSPHRASE }, encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');
    const reopened = await Vault.unlock(path, { passphrase: PASSPHRASE });
    expect(readSettings(reopened.database, 'x').reviewerName).toBe('Before the crash');
    expect(
      (reopened.database.prepare("SELECT count(*) AS n FROM setting WHERE key LIKE 'k%'").get() as { n: number }).n,
    ).toBe(0);
    expect(verifyAuditChain(reopened.database).ok).toBe(true);
    reopened.close();
  });

  it('refuses a vault written by a newer Casebook, naming both versions', async () => {
    const path = join(tempDirectory(), 'case.vault');
    const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
    vault.database
      .prepare('INSERT INTO schema_migration (name, applied_at, applied_by_version) VALUES (?, ?, ?)')
      .run('0099_from_the_future', new Date().toISOString(), '9.4.0');
    vault.close();
    const error = await expectCode(Vault.unlock(path, { passphrase: PASSPHRASE }), 'vault_too_new');
    expect(error.message).toContain('Casebook 9.4.0');
    expect(error.message).toContain(`this is Casebook ${APP_VERSION}`);
  });

  it('says plainly when the file or folder is not a Casebook vault', async () => {
    const directory = tempDirectory();
    const path = join(directory, 'notes.vault');
    (await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT })).vault.close();
    rmSync(keyFilePath(path));
    const error = await expectCode(Vault.unlock(path, { passphrase: PASSPHRASE }), 'not_a_vault');
    expect(error.message).toBe(
      `${path} is not a Casebook vault: it has no key file (notes.vault.keys) beside it; if it is a vault, restore its key file from a backup`,
    );
    const folder = join(directory, 'folder.vault');
    mkdirSync(folder);
    const folderError = await expectCode(Vault.unlock(folder, { passphrase: PASSPHRASE }), 'not_a_vault');
    expect(folderError.message).toBe(`${folder} is not a Casebook vault: it is a folder`);
  });
});

/** A vault with a little in it, made with the cheap KDF; returns its path and recovery key. */
async function smallVault(): Promise<{ path: string; recoveryKey: string }> {
  const path = join(tempDirectory(), 'case.vault');
  const { vault, recoveryKey } = await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT });
  updateSettings(vault.database, vault.actor(), { reviewerName: 'Lead Reviewer A' });
  vault.close();
  return { path, recoveryKey };
}

describe('a damaged, emptied or shared vault', () => {
  it('refuses an emptied vault as damaged and never rebuilds it', async () => {
    const { path } = await smallVault();
    truncateSync(path, 0);
    const error = await expectCode(Vault.unlock(path, { passphrase: PASSPHRASE }), 'vault_damaged');
    expect(error.message).toBe(
      'the vault is damaged: the vault file is empty (0 bytes). Restore the vault and its .keys file from a backup',
    );
    await expectCode(Vault.unlock(path, { passphrase: PASSPHRASE }, { readOnly: true }), 'vault_damaged');
    expect(statSync(path).size).toBe(0);
  });

  it('tells damage from a wrong passphrase: the key file opens but the pages do not decrypt', async () => {
    const { path, recoveryKey } = await smallVault();
    const bytes = readFileSync(path);
    bytes[100] = (bytes[100] ?? 0) ^ 0xff; // inside page 1, after SQLCipher's salt
    writeFileSync(path, bytes);
    for (const secret of [{ passphrase: PASSPHRASE }, { recoveryKey }]) {
      const error = await expectCode(Vault.unlock(path, secret), 'vault_damaged');
      expect(error.message).toContain('is right, but the vault file does not decrypt');
    }
    const wrong = await expectCode(Vault.unlock(path, { passphrase: OTHER_PASSPHRASE }), 'wrong_passphrase');
    expect(wrong.message).toBe(WRONG_PASSPHRASE_MESSAGE);

    const cut = (await smallVault()).path;
    truncateSync(cut, statSync(cut).size - 1000);
    const cutError = await expectCode(Vault.unlock(cut, { recoveryKey: 'x' }), 'vault_damaged');
    expect(cutError.message).toContain('the vault file is cut short');
  });

  it('finds a damaged page in the middle of the vault, naming it, where opening alone does not', async () => {
    const { path } = await smallVault();
    const pages = statSync(path).size / 4096;
    // A page in the middle of the vault that holds a table's rows, not the schema (which opening
    // reads: the schema spans several pages now), found in the intact vault (SQLite's dbstat table).
    const intact = await Vault.unlock(path, { passphrase: PASSPHRASE }, { readOnly: true });
    const page = intact.database
      .prepare(
        "SELECT pageno FROM dbstat WHERE name NOT LIKE 'sqlite_%' AND pagetype = 'leaf' ORDER BY abs(pageno - ?) LIMIT 1",
      )
      .pluck()
      .get(Math.floor(pages / 2)) as number;
    const table = intact.database
      .prepare('SELECT tbl_name FROM sqlite_master WHERE name = (SELECT name FROM dbstat WHERE pageno = ?)')
      .pluck()
      .get(page);
    expect(checkPages(intact.database)).toEqual({ pages });
    intact.close();

    const bytes = readFileSync(path);
    bytes[(page - 1) * 4096 + 2000] = (bytes[(page - 1) * 4096 + 2000] ?? 0) ^ 0x01;
    writeFileSync(path, bytes);
    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE }, { readOnly: true });
    try {
      const error = await expectCode(() => checkPages(vault.database), 'vault_damaged');
      expect([`page ${page} of ${pages} does not decrypt`, `a page of the table ${table} does not decrypt`]).toContain(
        /(page \d+ of \d+|a page of the table \w+) does not decrypt/.exec(error.message)?.[0],
      );
    } finally {
      vault.close();
    }
  });

  it("fails the audit check when the log does not start with the vault's creation", async () => {
    const { path } = await smallVault();
    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
    // Someone with the key empties the log and starts a fresh, well-chained one.
    vault.database.exec('DROP TRIGGER audit_log_no_delete');
    vault.database.exec('DELETE FROM audit_log');
    expect(verifyAuditChain(vault.database)).toMatchObject({ ok: false, entries: 0, firstBrokenSeq: 1 });
    appendAudit(vault.database, 'someone', { entity: 'vault', action: 'unlocked' });
    expect(verifyAuditChain(vault.database)).toEqual({
      ok: false,
      entries: 1,
      firstBrokenSeq: 1,
      problem: "entry 1 is not the vault's creation: the start of the log is missing",
    });
    vault.close();
  });

  it('opens read-only without writing a byte or an audit row, while another process is writing', async () => {
    const { path } = await smallVault();
    const before = readFileSync(path);
    const writer = await otherProcessWriting(path, PASSPHRASE);
    try {
      const vault = await Vault.unlock(path, { passphrase: PASSPHRASE }, { readOnly: true });
      expect(readSettings(vault.database, 'x').reviewerName).toBe('Lead Reviewer A');
      const actions = vault.database.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all();
      // The other process's own unlock is committed; its open write is not visible.
      expect(actions).toEqual(['created', 'updated', 'unlocked']);
      vault.close();
    } finally {
      await writer.release();
    }
    const vault = await Vault.unlock(path, { passphrase: PASSPHRASE }, { readOnly: true });
    const count = vault.database.prepare('SELECT count(*) FROM audit_log').pluck().get();
    vault.close();
    expect(count).toBe(3);
    expect(readFileSync(path).subarray(0, 4096).equals(before.subarray(0, 4096))).toBe(true);
  });

  it('waits for another process to finish writing, then says the vault is in use', async () => {
    const { path } = await smallVault();
    const writer = await otherProcessWriting(path, PASSPHRASE);
    try {
      const started = Date.now();
      const failure = await Vault.unlock(path, { passphrase: PASSPHRASE }, { busyTimeoutMs: 400 }).then(
        () => null,
        (error: unknown) => explainFailure(error),
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(failure?.toBody()).toEqual({ code: 'busy', message: BUSY_MESSAGE });
    } finally {
      await writer.release();
    }
    (await Vault.unlock(path, { passphrase: PASSPHRASE })).close();
  });
});
