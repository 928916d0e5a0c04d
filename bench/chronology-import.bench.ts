import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { createReview } from '../db/reviews.js';
import { Vault } from '../db/vault.js';
import { chronologyImportBinding } from '../electron/services/import/chronology.js';
import { ImportEngine } from '../electron/services/import/engine.js';
import { reviewCreateSchema } from '../shared/api/channels/reviews.js';
import { seededRandom } from './random.js';

/**
 * Import of a generated 100,000-row agency CSV into an encrypted vault through the
 * chronology import service (reading the bytes, matching headers, checking every
 * row's dates, inserting entries and the FTS index, one audited transaction),
 * against a raw prepared-statement insert of the same rows (already split into
 * cells) into a plain table of the same kind of vault, in the same run (its commit
 * includes SQLite's automatic WAL checkpoint, as it always has).
 * Goal: at least 25% of the raw rows per second, toward 40%.
 * Also: the import's peak memory, and the end-to-end time of a realistic file
 * (2,000 rows from a fourth agency into a review that already has three, so
 * duplicate detection has work to do).
 */

const ROWS = 100_000;
/** The ratio before issue 8's bulk-load changes (README figures of 26/11/2026, same benchmark). */
const RATIO_BEFORE = 0.14;
const AGENCY_ROWS = 2_000;
const RUNS = 3;
const PASSPHRASE = 'violet harbour tractor 1987 pebble';
const FAST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 };

const WORDS = (
  'visit home mother child seen health visitor weight concern school attendance referral strategy meeting ' +
  'police called neighbour shouting flat partner domestic abuse risk assessment medium social care section ' +
  'enquiry agreed telephone cancelled appointment rebooked nappy rash centile food bank housing arrears ' +
  'tenancy warning letter GP surgery immunisations missed outreach worker family support plan reviewed ' +
  'safeguarding supervision records requested address moved unannounced no answer card left'
).split(' ');

const pad = (value: number) => String(value).padStart(2, '0');

export function generateAgencyCsv(rows: number, seed = 2015): Buffer {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const sentence = (min: number, max: number) => {
    const length = min + Math.floor(next() * (max - min));
    const words: string[] = [];
    let size = 0;
    while (size < length) {
      const word = pick(WORDS);
      words.push(word);
      size += word.length + 1;
    }
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = ['Ref,Date,Time,Source,Practitioner,Child seen,Event,Action taken,Significance'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'];
  for (let row = 1; row <= rows; row += 1) {
    const year = 2012 + Math.floor(next() * 6);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const shape = next();
    let date: string;
    if (shape < 0.02) date = `${pick(months)} ${year}`;
    else if (shape < 0.03) date = `circa ${pick(months)} ${year}`;
    else if (shape < 0.04) date = `?/${pad(month)}/${year}`;
    else if (shape < 0.05)
      date = `between ${pad(day)}/${pad(month)}/${year} and ${pad(Math.min(28, day + 5))}/${pad(month)}/${year}`;
    else date = `${pad(day)}/${pad(month)}/${year}`;
    const time = next() < 0.3 ? `${pad(8 + Math.floor(next() * 10))}:${pad(Math.floor(next() * 60))}` : '';
    lines.push(
      [
        `R-${row}`,
        date,
        time,
        quote(`Case record, entry ${row}`),
        pick(['HV1', 'HV2', 'GP1', 'SW1', 'PC1']),
        pick(['Yes', 'No', 'Not known', '']),
        quote(sentence(60, 300)),
        quote(sentence(10, 60)),
        next() < 0.5 ? quote(sentence(10, 120)) : '',
      ].join(','),
    );
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

async function freshVault(directory: string, name: string): Promise<Vault> {
  return (await Vault.create(join(directory, name), PASSPHRASE, { scrypt: FAST_SCRYPT })).vault;
}

function benchReview(vault: Vault) {
  return createReview(vault, reviewCreateSchema.parse({ title: 'Bench', type: 'cspr' }));
}

/** Preview and commit of one file, as the app does it; milliseconds from bytes to committed. */
export async function importFile(vault: Vault, reviewId: string, agency: string, bytes: Buffer, rows: number) {
  const start = performance.now();
  const imports = new ImportEngine();
  const preview = await imports.preview(chronologyImportBinding, vault.database, {
    target: { reviewId, agency },
    fileName: `${agency}.csv`,
    bytes,
  });
  const result = await imports.commit(
    chronologyImportBinding,
    vault,
    { previewId: preview.previewId, mode: 'all-or-nothing', confirmReimport: false },
    { howToChooseOverlap: '', howToConfirmReimport: '' },
  );
  const elapsed = performance.now() - start;
  if (result.imported !== rows)
    throw new Error(`imported ${result.imported} of ${rows}: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  return { elapsed, possibleDuplicates: result.possibleDuplicates };
}

/** The import's time, and its peak resident memory above what the process held before it. */
async function importRun(directory: string, name: string, bytes: Buffer): Promise<{ ms: number; peakMb: number }> {
  const vault = await freshVault(directory, name);
  try {
    const review = benchReview(vault);
    const before = process.memoryUsage().rss;
    let peak = before;
    // Sampled between the import's steps (it pauses every 5,000 rows) and after it.
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const { elapsed } = await importFile(vault, review.id, 'Health visiting', bytes, ROWS);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { ms: elapsed, peakMb: (peak - before) / 2 ** 20 };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    vault.close();
  }
}

/** A fourth agency's 2,000 rows into a review holding three agencies' 2,000 each. */
async function agencyFileRun(directory: string, name: string): Promise<{ ms: number; possibleDuplicates: number }> {
  const vault = await freshVault(directory, name);
  try {
    const review = benchReview(vault);
    for (const [seed, agency] of ['Police', 'Children social care', 'School'].entries()) {
      await importFile(vault, review.id, agency, generateAgencyCsv(AGENCY_ROWS, 100 + seed), AGENCY_ROWS);
    }
    const { elapsed, possibleDuplicates } = await importFile(
      vault,
      review.id,
      'Health visiting',
      generateAgencyCsv(AGENCY_ROWS, 200),
      AGENCY_ROWS,
    );
    return { ms: elapsed, possibleDuplicates: possibleDuplicates ?? 0 };
  } finally {
    vault.close();
  }
}

async function rawRun(directory: string, name: string, records: string[][]): Promise<number> {
  const vault = await freshVault(directory, name);
  try {
    const database = vault.database;
    database.exec(`CREATE TABLE raw_entry (
      id INTEGER PRIMARY KEY, ref TEXT, date TEXT, time TEXT, source TEXT, practitioner TEXT,
      child_seen TEXT, event TEXT, action TEXT, significance TEXT) STRICT`);
    const start = performance.now();
    const insert = database.prepare(
      'INSERT INTO raw_entry (ref, date, time, source, practitioner, child_seen, event, action, significance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    database.transaction(() => {
      for (const record of records) insert.run(...record);
    })();
    return performance.now() - start;
  } finally {
    vault.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function benchChronologyImport(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  try {
    const bytes = generateAgencyCsv(ROWS);
    const records = Papa.parse<string[]>(bytes.toString('utf8'), { skipEmptyLines: true }).data.slice(1);
    const importTimes: number[] = [];
    const peaks: number[] = [];
    const rawTimes: number[] = [];
    const agencyFileTimes: number[] = [];
    let possibleDuplicates = 0;
    for (let run = 0; run < RUNS; run += 1) {
      rawTimes.push(await rawRun(directory, `raw-${run}.vault`, records));
      const { ms, peakMb } = await importRun(directory, `import-${run}.vault`, bytes);
      importTimes.push(ms);
      peaks.push(peakMb);
      const agencyFile = await agencyFileRun(directory, `agency-${run}.vault`);
      agencyFileTimes.push(agencyFile.ms);
      possibleDuplicates = agencyFile.possibleDuplicates;
    }
    const importMs = median(importTimes);
    const rawMs = median(rawTimes);
    const importRate = ROWS / (importMs / 1000);
    const rawRate = ROWS / (rawMs / 1000);
    console.log(
      `\n# Chronology import (${ROWS.toLocaleString('en-GB')} rows, ${(bytes.length / 1e6).toFixed(1)} MB CSV, encrypted vault; goal >= 25% of raw rows/s, toward 40%)`,
    );
    console.log(
      `import (parse + validate + insert + FTS + audit): ${importMs.toFixed(0)} ms median, ${Math.round(importRate).toLocaleString('en-GB')} rows/s | ` +
        `baseline raw prepared insert: ${rawMs.toFixed(0)} ms median, ${Math.round(rawRate).toLocaleString('en-GB')} rows/s | ` +
        `ratio ${(importRate / rawRate).toFixed(2)}x of raw rows/s (${RATIO_BEFORE.toFixed(2)}x before issue 8)`,
    );
    console.log(`import peak memory: ${Math.max(...peaks).toFixed(0)} MB resident above the process before it`);
    console.log(
      `realistic agency file (${AGENCY_ROWS.toLocaleString('en-GB')} rows into a review of ${(3 * AGENCY_ROWS).toLocaleString('en-GB')} entries from three agencies, ` +
        `${possibleDuplicates} possible duplicates flagged): ${median(agencyFileTimes).toFixed(0)} ms median end to end (preview + commit)`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
