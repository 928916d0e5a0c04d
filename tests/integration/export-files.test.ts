import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { auditChainHead, checkAuditAnchor } from '../../db/audit.js';
import { openEncryptedDatabase } from '../../db/connection.js';
import { readKeyEnvelope, unwrapWithPassphrase } from '../../db/key-envelope.js';
import type { Database } from '../../db/query.js';
import { Vault } from '../../db/vault.js';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import { parseAuditAnchor, readAuditAnchor } from '../../electron/services/audit-anchor.js';
import type { CdopStatisticsExport, ImportPreviewResult, Review } from '../../shared/api/contract.js';
import { ok } from '../support/api.js';
import { CLI } from '../support/build.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/**
 * Files that leave the vault: written owner-only through a fresh exclusive name,
 * audited only once written, and carrying the audit anchor that
 * `casebook vault verify --anchor` checks against the vault's history.
 */

const tempDirectory = tempDirectoryFactory();
let app: CasebookApp | undefined;

afterEach(() => {
  app?.close();
  app = undefined;
});

const CSV = ['Date,Details,Outcome', '12/05/2015,Strategy discussion,s47 agreed', '14/05/2015,Home visit,Plan'].join(
  '\r\n',
);

/** A vault with one review and two chronology entries, closed, ready for the CLI. */
async function vaultWithChronology(): Promise<{ path: string; reviewId: string }> {
  const path = join(tempDirectory(), 'case.vault');
  const casebook = createCasebookApp(path, { scrypt: FAST_SCRYPT });
  app = casebook;
  await ok(casebook.invoke('vault.create', { passphrase: PASSPHRASE }));
  const review = await ok<Review>(casebook.invoke('reviews.create', { title: 'Child H', type: 'cspr' }));
  const preview = await ok<ImportPreviewResult>(
    casebook.invoke('chronology.previewImport', {
      reviewId: review.id,
      agency: 'Police',
      fileName: 'police.csv',
      contentBase64: Buffer.from(CSV).toString('base64'),
    }),
  );
  await ok(casebook.invoke('chronology.commitImport', { previewId: preview.previewId }));
  casebook.close();
  app = undefined;
  return { path, reviewId: review.id };
}

function casebook(path: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, '--vault', path, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function auditActions(path: string): Promise<string[]> {
  const vault = await Vault.unlock(path, { passphrase: PASSPHRASE });
  try {
    return (vault.database.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map(
      (row) => row.action,
    );
  } finally {
    vault.close();
  }
}

/**
 * What someone holding the key can do: drop the append-only triggers, change the
 * log, renumber and recompute every hash, and put the triggers back.
 */
async function rewriteHistory(path: string, change: (database: Database) => void): Promise<void> {
  const dataKey = await unwrapWithPassphrase(readKeyEnvelope(path), PASSPHRASE);
  if (!dataKey) throw new Error('could not unwrap the data key');
  const database = openEncryptedDatabase(path, dataKey);
  try {
    const triggers = database
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .all() as { name: string; sql: string }[];
    database.transaction(() => {
      for (const { name } of triggers) database.exec(`DROP TRIGGER ${name}`);
      change(database);
      const rows = database.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
      database.exec('DELETE FROM audit_log');
      const insert = database.prepare(
        'INSERT INTO audit_log (seq, at, actor, entity, entity_id, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      let prevHash = '0'.repeat(64);
      rows.forEach((row, index) => {
        const seq = index + 1;
        const fields = [row.at, row.actor, row.entity, row.entity_id, row.action, row.detail];
        const hash = createHash('sha256')
          .update(JSON.stringify([prevHash, seq, ...fields]))
          .digest('hex');
        insert.run(seq, ...fields, prevHash, hash);
        prevHash = hash;
      });
      for (const { sql } of triggers) database.exec(sql);
    })();
  } finally {
    database.close();
    dataKey.fill(0);
  }
}

describe('export files', () => {
  it('a planted <out>.partial symlink is not followed, and the export is owner-only whatever was there', async () => {
    const { path, reviewId } = await vaultWithChronology();
    const directory = tempDirectory();
    const elsewhere = join(directory, 'elsewhere.txt');
    writeFileSync(elsewhere, 'untouched', { mode: 0o644 });
    const csv = join(directory, 'out.csv');
    symlinkSync(elsewhere, `${csv}.partial`);
    const xlsx = join(directory, 'out.xlsx');
    writeFileSync(`${xlsx}.partial`, 'left by an earlier run', { mode: 0o644 });
    writeFileSync(xlsx, 'an older export', { mode: 0o644 });

    expect(casebook(path, ['chronology', 'export', '--review', reviewId, '--out', csv]).code).toBe(0);
    expect(casebook(path, ['chronology', 'export', '--review', reviewId, '--out', xlsx]).code).toBe(0);

    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched');
    expect(readFileSync(csv, 'utf8')).toContain('Strategy discussion');
    for (const file of [csv, xlsx]) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory).sort()).toEqual(['elsewhere.txt', 'out.csv', 'out.xlsx']);
  });

  it('a write that fails is not recorded as an export', async () => {
    const { path, reviewId } = await vaultWithChronology();
    const out = join(tempDirectory(), 'missing-folder', 'out.csv');
    const failed = casebook(path, ['chronology', 'export', '--review', reviewId, '--out', out]);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/^cannot write .*out\.csv/);
    expect(existsSync(out)).toBe(false);
    expect(await auditActions(path)).not.toContain('chronology exported');

    expect(
      casebook(path, ['chronology', 'export', '--review', reviewId, '--out', join(tempDirectory(), 'a.csv')]).code,
    ).toBe(0);
    expect((await auditActions(path)).filter((action) => action === 'chronology exported')).toHaveLength(1);
  });
});

describe('audit anchors', () => {
  it('vault verify --anchor passes untampered, and names what it finds once history is rewritten with the key', async () => {
    const { path, reviewId } = await vaultWithChronology();
    const directory = tempDirectory();
    const csv = join(directory, 'chronology.csv');
    expect(casebook(path, ['chronology', 'export', '--review', reviewId, '--out', csv]).code).toBe(0);
    const anchor = parseAuditAnchor(readFileSync(csv, 'utf8').split('\r\n')[0] ?? '');
    expect(anchor).toEqual({ entries: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(readFileSync(csv, 'utf8')).toMatch(
      /^\uFEFF"OFFICIAL-SENSITIVE - DRAFT - .* - Casebook audit anchor: \d+ entries, head /,
    );

    const untampered = casebook(path, ['vault', 'verify', '--anchor', csv, '--json']);
    expect(untampered.code).toBe(0);
    expect(JSON.parse(untampered.stdout)).toMatchObject({ ok: true });

    // Remove the record of the export, and everything after it.
    await rewriteHistory(path, (database) => {
      database.prepare('DELETE FROM audit_log WHERE seq > ?').run(anchor?.entries);
    });
    expect(casebook(path, ['vault', 'verify']).code).toBe(0);
    const cut = casebook(path, ['vault', 'verify', '--anchor', csv, '--json']);
    expect(cut.code).not.toBe(0);
    expect(JSON.parse(cut.stdout.split('\n')[0] ?? '')).toMatchObject({
      ok: false,
      firstBrokenSeq: anchor?.entries,
      problem: `no export is recorded after entry ${anchor?.entries}, yet this file is one: its record has been removed`,
    });

    const xlsx = join(directory, 'chronology.xlsx');
    expect(casebook(path, ['chronology', 'export', '--review', reviewId, '--out', xlsx]).code).toBe(0);
    const xlsxAnchor = await readAuditAnchor(xlsx);
    expect(casebook(path, ['vault', 'verify', '--anchor', xlsx]).code).toBe(0);

    // Rewrite an entry from before the export: who imported the chronology.
    await rewriteHistory(path, (database) => {
      database.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2").run();
    });
    const verified = casebook(path, ['vault', 'verify', '--json']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    const rewritten = casebook(path, ['vault', 'verify', '--anchor', xlsx]);
    expect(rewritten.code).not.toBe(0);
    expect(rewritten.stderr).toMatch(
      new RegExp(
        `^audit log broken at entry ${xlsxAnchor.entries}: entry ${xlsxAnchor.entries} now has hash [0-9a-f]{64}, but the export recorded ${xlsxAnchor.hash}: the history up to it has been rewritten\\n$`,
      ),
    );
  }, 120_000);

  it('casebook cdop stats --out writes the workbook owner-only, with an anchor verify --anchor accepts', async () => {
    const { path } = await vaultWithChronology();
    const out = join(tempDirectory(), 'stats.xlsx');
    writeFileSync(out, 'an older workbook', { mode: 0o644 });
    const stats = casebook(path, ['cdop', 'stats', '--from', '2024-04-01', '--to', '2025-03-31', '--out', out]);
    expect(stats.stderr).toBe('');
    expect(stats.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const anchor = await readAuditAnchor(out);
    expect(await auditActions(path)).toContain('exported');
    const verified = casebook(path, ['vault', 'verify', '--anchor', out]);
    expect(verified.stdout).toMatch(/still holds the history .*stats\.xlsx recorded/);
    expect(verified.code).toBe(0);
    expect(anchor.entries).toBeGreaterThan(0);
  });

  it('the CDOP statistics workbook carries the anchor in its document properties, and its export is audited', async () => {
    const casebookApp = createCasebookApp(join(tempDirectory(), 'cdop.vault'), { scrypt: FAST_SCRYPT });
    app = casebookApp;
    await ok(casebookApp.invoke('vault.create', { passphrase: PASSPHRASE }));
    const { database } = casebookApp.session.current();
    const head = auditChainHead(database);
    const exported = await ok<CdopStatisticsExport>(
      casebookApp.invoke('cdop.statistics.export', { from: '2024-04-01', to: '2025-03-31' }),
    );
    const file = join(tempDirectory(), exported.fileName);
    writeFileSync(file, Buffer.from(exported.contentBase64, 'base64'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.description).toBe(`Casebook audit anchor: ${head.entries} entries, head ${head.hash}`);
    expect(await readAuditAnchor(file)).toEqual(head);
    expect(checkAuditAnchor(database, head)).toMatchObject({ ok: true });
    const last = database.prepare('SELECT entity, action FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ entity: 'cdop_statistics', action: 'exported' });
  });
});
