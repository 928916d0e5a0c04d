import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/build.js';
import { PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';
import { recordFigures } from './support/profile.js';

/**
 * No plaintext at rest: a scripted session (create, add people, import a chronology,
 * edit through the app's web host, export anonymised) with marker strings in every
 * kind of field. Afterwards no file under the user's home (the default vault's
 * user-data folder and npm's logs included), the temporary folder the processes
 * used, or the system temporary folder holds a marker, in UTF-8 or UTF-16, except
 * the export the user asked for (written outside them, and checked on its own).
 */

const tempDirectory = tempDirectoryFactory();
/** Made at run time, so no copy of them sits in a source file or a compiled test in a cache. */
function word(): string {
  const letters = [...randomBytes(9)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${letters.charAt(0).toUpperCase()}${letters.slice(1)}`;
}
const FIRST = word();
const LAST = word();
/** A person's name: personal, so the anonymised export must not hold it either. */
const NAME = `${FIRST} ${LAST}`;
/** Field markers: case data, which only the vault (encrypted) may hold. */
const FIELD = word();
const MARKERS = [NAME, FIRST, LAST, FIELD];

function filesUnder(folder: string, since = 0): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        try {
          const stats = statSync(full);
          if (stats.mtimeMs >= since && stats.size < 512 * 1024 * 1024) found.push(full);
        } catch {}
      }
    }
  };
  walk(folder);
  return found;
}

function markersIn(path: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return [];
  }
  return MARKERS.filter(
    (marker) =>
      bytes.includes(Buffer.from(marker, 'utf8')) ||
      bytes.includes(Buffer.from(marker, 'utf16le')) ||
      bytes.includes(Buffer.from(marker.toUpperCase(), 'utf8')),
  );
}

describe('no plaintext at rest', () => {
  it('leaves no marker in any file outside the vault and the export asked for', async () => {
    const started = Date.now() - 1_000;
    const root = tempDirectory();
    const home = join(root, 'home');
    const temp = join(root, 'tmp');
    const inputs = join(root, 'inputs');
    const exports = join(root, 'exports');
    for (const folder of [home, temp, inputs, exports]) mkdirSync(folder, { recursive: true });
    // The default vault path: ~/.config/Casebook/casebook.vault, the app's user-data folder.
    const env = {
      ...process.env,
      HOME: home,
      TMPDIR: temp,
      XDG_CONFIG_HOME: undefined,
      CASEBOOK_PASSPHRASE: PASSPHRASE,
      CASEBOOK_NEW_PASSPHRASE: undefined,
    };
    const casebook = (args: string[], input?: unknown) => {
      const result = spawnSync(process.execPath, [CLI, ...args], {
        encoding: 'utf8',
        env,
        input: input === undefined ? undefined : JSON.stringify(input),
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result.stdout;
    };

    casebook(['vault', 'init', '--json']);
    const review = JSON.parse(
      casebook(['--json', 'review', 'create', '--input', '-'], {
        title: `Review of ${FIELD} title`,
        type: 'cspr',
        agency: [`${FIELD} agency`],
        leadReviewer: [`${FIELD} reviewer`],
      }),
    );
    casebook(['--json', 'person', 'add', '--review', review.id, '--input', '-'], {
      name: NAME,
      role: 'child',
      pseudonym: 'Child Q',
      notes: `${FIELD} notes`,
    });
    const file = join(inputs, 'police.csv');
    writeFileSync(
      file,
      [
        'Date,Time,Source,Practitioner,Event,Action taken,Significance',
        `12/03/2015,09:00,${FIELD} record 1,PC ${FIELD},${NAME} seen at school with a bruise,${FIELD} referral,${FIELD} high`,
        `14/03/2015,,${FIELD} record 2,Team manager,Strategy discussion about ${FIRST}'s safety,${FIELD} S47,${FIELD} key`,
      ].join('\n'),
    );
    casebook(['--json', 'chronology', 'import', '--review', review.id, '--agency', 'Police', file]);

    // An edit through the app's web host, as the desktop app makes it.
    const host: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
      env,
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    host.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    host.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    try {
      await expect
        .poll(() => /ready at (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)/.test(log), { timeout: 30_000 })
        .toBe(true);
      const [, url, token] = /ready at (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)/.exec(log) ?? [];
      const call = async (channel: string, payload: unknown) => {
        const response = await fetch(`${url}api/${channel}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        });
        const body = (await response.json()) as { ok: boolean; error?: unknown };
        expect(body.ok, JSON.stringify(body.error)).toBe(true);
      };
      await call('vault.unlock', { passphrase: PASSPHRASE });
      await call('reviews.update', {
        id: review.id,
        termsOfReference: `${FIELD} terms: why did ${NAME} fall through?`,
      });
      await call('vault.lock', {});
    } finally {
      host.kill('SIGTERM');
      await new Promise((done) => host.once('exit', done));
    }
    expect(log).not.toContain(FIELD);
    expect(log).not.toContain(NAME);

    // The reviewer's prose, from standard input.
    casebook(
      ['--json', 'report', 'prose', '--review', review.id, '--section', 'introduction', '--input', '-'],
      [{ type: 'paragraph', content: [{ text: `${FIELD} introduction about ${NAME}`, bold: true }] }],
    );
    // The anonymised Word report, the export the user asked for: no name in any part of it.
    const report = join(exports, 'report-anonymised.docx');
    casebook(['--json', 'report', 'export', '--review', review.id, '--out', report, '--anonymise']);
    const parts = spawnSync('unzip', ['-p', report], { maxBuffer: 256 * 1024 * 1024 }).stdout;
    expect(parts.length).toBeGreaterThan(1_000);
    expect([FIRST, LAST].filter((name) => parts.includes(Buffer.from(name)))).toEqual([]);

    const exported = join(exports, 'chronology-anonymised.csv');
    casebook(['--json', 'chronology', 'export', '--review', review.id, '--out', exported, '--anonymise']);
    // The export the user asked for: anonymised, so no name; the case data is theirs to hold.
    expect(markersIn(exported).filter((marker) => marker !== FIELD)).toEqual([]);

    // This test's own folder holds the input file and the export on purpose; its home and temp are scanned.
    const elsewhere = filesUnder(tmpdir(), started).filter((path) => !path.startsWith(root));
    const scanned = [...filesUnder(home), ...filesUnder(temp), ...elsewhere];
    const found = scanned.flatMap((path) => markersIn(path).map((marker) => `${path}: ${marker}`));
    expect(found).toEqual([]);
    expect(scanned.some((path) => path.endsWith('casebook.vault'))).toBe(true);
    recordFigures('plaintext', [
      { label: 'files scanned for markers', value: scanned.length },
      { label: 'markers found', value: found.length },
    ]);
  }, 600_000);
});
