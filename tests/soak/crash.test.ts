import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAgencyCsv } from '../../bench/chronology-import.bench.js';
import { verifyAuditChain } from '../../db/audit.js';
import { checkPages } from '../../db/connection.js';
import { Vault, type VaultSecret } from '../../db/vault.js';
import { CasebookError } from '../../shared/api/errors.js';
import { CLI } from '../support/build.js';
import { closedVault } from '../support/cli.js';
import { OTHER_PASSPHRASE, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';
import { PROFILE, recordFigures, SEED } from './support/profile.js';

/**
 * Crash consistency: a real `casebook` process importing a large chronology (and,
 * separately, changing the passphrase, editing, exporting) is killed with SIGKILL
 * at a random moment, again and again. After every kill the vault must open (with
 * exactly one of the old and new passphrase after a passphrase change), every page
 * must authenticate, the audit chain must hold, and the data must be exactly the
 * state before or after the killed transaction, never between.
 */

const tempDirectory = tempDirectoryFactory();

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ENV = { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_NEW_PASSPHRASE: undefined };

function casebook(args: string[], env: NodeJS.ProcessEnv = ENV) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a command and kills it with SIGKILL after `delayMs` (if still running); resolves with how it ended and when. */
function killedAfter(
  args: string[],
  delayMs: number,
  env: NodeJS.ProcessEnv = ENV,
): Promise<{ ended: 'killed' | 'finished'; ms: number }> {
  return new Promise((done) => {
    const started = performance.now();
    const child: ChildProcess = spawn(process.execPath, [CLI, ...args], { env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      done({ ended: signal === 'SIGKILL' ? 'killed' : 'finished', ms: performance.now() - started });
    });
  });
}

/**
 * When to kill a command: a random moment between `from` and `to` of its run length, learnt as
 * the soak goes. The machine's load changes over a long run; with a length measured once at the
 * start, a busier machine would see every kill land before the commit and none after it.
 */
function killMoments(firstRunMs: number, next: () => number, from: number, to: number) {
  let runMs = firstRunMs;
  return {
    pick: () => runMs * (from + next() * (to - from)),
    learn(run: { ended: 'killed' | 'finished'; ms: number }) {
      if (run.ended === 'finished') runMs = run.ms;
      else if (run.ms > runMs * 0.9) runMs *= 1.25;
    },
  };
}

/** Opens the vault as the app would after the crash and checks it whole; returns the counts asked for. */
async function checkedCounts(path: string, secret: VaultSecret, sql: Record<string, string>) {
  const vault = await Vault.unlock(path, secret);
  try {
    checkPages(vault.database);
    const chain = verifyAuditChain(vault.database);
    expect(chain.ok, chain.problem ?? '').toBe(true);
    return Object.fromEntries(
      Object.entries(sql).map(([name, query]) => [name, (vault.database.prepare(query).get() as { n: number }).n]),
    );
  } finally {
    vault.close();
  }
}

async function opens(path: string, secret: VaultSecret): Promise<boolean> {
  try {
    (await Vault.unlock(path, secret, { readOnly: true })).close();
    return true;
  } catch (error) {
    if (error instanceof CasebookError && error.code === 'wrong_passphrase') return false;
    throw error;
  }
}

describe('crash consistency under SIGKILL', () => {
  it(`an import killed at random moments (${PROFILE.importKills} times) leaves the vault before or after it, whole`, async () => {
    const directory = tempDirectory();
    const vault = await closedVault(directory);
    const review = JSON.parse(
      casebook(['--vault', vault, '--json', 'review', 'create', '--title', 'Soak', '--type', 'cspr']).stdout,
    );
    const file = join(directory, 'agency.csv');
    writeFileSync(file, generateAgencyCsv(PROFILE.importRows, SEED));
    const args = [
      '--vault',
      vault,
      'chronology',
      'import',
      '--review',
      review.id,
      '--agency',
      'Police',
      file,
      '--yes-reimport',
    ];

    // One import to the end, to know how long a whole one takes here.
    const started = performance.now();
    expect(casebook([...args, '--json']).code).toBe(0);
    const wholeMs = performance.now() - started;
    const count = {
      entries: 'SELECT count(*) AS n FROM chronology_entry',
      imports: 'SELECT count(*) AS n FROM chronology_import',
    };
    const state = (await checkedCounts(vault, { passphrase: PASSPHRASE }, count)) as {
      entries: number;
      imports: number;
    };
    expect(state).toEqual({ entries: PROFILE.importRows, imports: 1 });
    // Each import that commits is undone by copying this back, so every kill meets a vault of
    // the same size (200 kept imports of 20,000 rows would be a 2 GB vault, checked whole each round).
    const baseline = join(directory, 'baseline.copy');
    copyFileSync(vault, baseline);

    const moments = killMoments(wholeMs, random(SEED), 0.05, 1.1);
    const outcomes = { killed: 0, finished: 0, before: 0, after: 0 };
    for (let round = 0; round < PROFILE.importKills; round++) {
      const run = await killedAfter(args, moments.pick());
      moments.learn(run);
      const { ended } = run;
      outcomes[ended]++;
      const now = (await checkedCounts(vault, { passphrase: PASSPHRASE }, count)) as typeof state;
      const after = { entries: state.entries + PROFILE.importRows, imports: state.imports + 1 };
      expect([state, after], `round ${round} (${ended})`).toContainEqual(now);
      if (now.entries === state.entries) outcomes.before++;
      else {
        outcomes.after++;
        copyFileSync(baseline, vault);
        for (const side of ['-wal', '-shm']) rmSync(`${vault}${side}`, { force: true });
      }
    }
    // No temporaries or journals left behind that the next open did not settle.
    expect(readdirSync(directory).filter((name) => /journal|\.partial$/.test(name))).toEqual([]);
    recordFigures('crash-import', [
      { label: 'imports killed with SIGKILL', value: outcomes.killed },
      { label: 'imports that finished first', value: outcomes.finished },
      { label: 'states checked: before the import', value: outcomes.before },
      { label: 'states checked: after the import', value: outcomes.after },
      { label: `rows per import`, value: PROFILE.importRows },
      { label: 'whole import, ms', value: Math.round(wholeMs) },
    ]);
  }, 3_600_000);

  it(`passphrase changes, edits and exports killed at random moments (${PROFILE.otherKills} times each) lose nothing`, async () => {
    const directory = tempDirectory();
    const vault = await closedVault(directory);
    const next = random(SEED + 1);
    let passphrase = PASSPHRASE;
    let changesKilled = 0;
    let editsKilled = 0;
    let exportsKilled = 0;
    const count = { reviews: 'SELECT count(*) AS n FROM review' };
    // A chronology to export.
    const exported = JSON.parse(
      casebook(['--vault', vault, '--json', 'review', 'create', '--title', 'Exported', '--type', 'cspr']).stdout,
    );
    const file = join(directory, 'agency.csv');
    writeFileSync(file, generateAgencyCsv(2_000, SEED));
    expect(
      casebook(['--vault', vault, 'chronology', 'import', '--review', exported.id, '--agency', 'Police', file]).code,
    ).toBe(0);
    let reviews = 1;
    // How long each command takes to the end here, so kills land across its whole run.
    const timed = (args: string[], env: NodeJS.ProcessEnv = ENV) => {
      const started = performance.now();
      expect(casebook(args, env).code).toBe(0);
      return performance.now() - started;
    };
    const changeMs = timed(['--vault', vault, 'vault', 'change-passphrase'], {
      ...process.env,
      CASEBOOK_PASSPHRASE: PASSPHRASE,
      CASEBOOK_NEW_PASSPHRASE: PASSPHRASE,
    });
    const editMs = timed(['--vault', vault, 'review', 'create', '--title', 'Timed', '--type', 'scr']);
    reviews++;
    const exportMs = timed([
      '--vault',
      vault,
      'chronology',
      'export',
      '--review',
      exported.id,
      '--out',
      join(directory, 'timed.csv'),
    ]);
    const change = killMoments(changeMs, next, 0.3, 1.1);
    const edit = killMoments(editMs, next, 0.3, 1.1);
    const exporting = killMoments(exportMs, next, 0.3, 1.1);
    const landed = { changes: 0, edits: 0, exports: 0 };

    for (let round = 0; round < PROFILE.otherKills; round++) {
      // A passphrase change: afterwards exactly one of the old and the new opens the vault.
      const nextPassphrase = passphrase === PASSPHRASE ? OTHER_PASSPHRASE : PASSPHRASE;
      const env = { ...process.env, CASEBOOK_PASSPHRASE: passphrase, CASEBOOK_NEW_PASSPHRASE: nextPassphrase };
      const changeRun = await killedAfter(['--vault', vault, 'vault', 'change-passphrase'], change.pick(), env);
      change.learn(changeRun);
      if (changeRun.ended === 'killed') changesKilled++;
      const oldOpens = await opens(vault, { passphrase });
      const newOpens = await opens(vault, { passphrase: nextPassphrase });
      expect(oldOpens !== newOpens, `round ${round}: old opens ${oldOpens}, new opens ${newOpens}`).toBe(true);
      if (newOpens) {
        passphrase = nextPassphrase;
        landed.changes++;
      }
      const secretEnv = { ...process.env, CASEBOOK_PASSPHRASE: passphrase, CASEBOOK_NEW_PASSPHRASE: undefined };

      // An edit: a review is there whole or not at all.
      const editArgs = ['--vault', vault, 'review', 'create', '--title', `Review ${round}`, '--type', 'scr'];
      const editRun = await killedAfter(editArgs, edit.pick(), secretEnv);
      edit.learn(editRun);
      if (editRun.ended === 'killed') editsKilled++;
      const now = await checkedCounts(vault, { passphrase }, count);
      expect([reviews, reviews + 1]).toContain(now.reviews);
      if (now.reviews === reviews + 1) landed.edits++;
      reviews = now.reviews ?? reviews;

      // An export: the file is absent or whole (written aside, then renamed), and the vault is intact.
      const out = join(directory, `export-${round}.csv`);
      const exportArgs = ['--vault', vault, 'chronology', 'export', '--review', exported.id, '--out', out];
      const exportRun = await killedAfter(exportArgs, exporting.pick(), secretEnv);
      exporting.learn(exportRun);
      if (exportRun.ended === 'killed') exportsKilled++;
      if (existsSync(out)) {
        expect(readFileSync(out, 'utf8').trim().split('\n').length).toBeGreaterThan(2_000);
        landed.exports++;
      }
      expect(readdirSync(directory).filter((name) => name.endsWith('.partial'))).toEqual([]);
      await checkedCounts(vault, { passphrase }, count);
    }
    recordFigures('crash-other', [
      { label: 'passphrase changes killed', value: changesKilled },
      { label: 'passphrase changes: the new one opens', value: landed.changes },
      { label: 'edits killed', value: editsKilled },
      { label: 'edits: the review is there whole', value: landed.edits },
      { label: 'exports killed', value: exportsKilled },
      { label: 'exports: the file is there whole', value: landed.exports },
      { label: 'vault states checked after kills', value: PROFILE.otherKills * 3 },
    ]);
  }, 3_600_000);
});
