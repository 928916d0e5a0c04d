import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { addPerson } from '../db/people.js';
import { createReview } from '../db/reviews.js';
import { Vault } from '../db/vault.js';
import { chronologyExportTable } from '../electron/services/chronology-export.js';
import { exportReviewDocument } from '../electron/services/reports/export.js';
import { personAddSchema, reviewCreateSchema } from '../shared/api/channels/reviews.js';
import { generateAgencyCsv, importFile } from './chronology-import.bench.js';

/**
 * The review report of a review with 10,000 chronology entries exported to .docx,
 * against, in the same run: (a) pandoc converting the same content from Markdown
 * to .docx, and (b) the bare docx library building just the chronology table.
 * Each run is its own process, so each peak memory is its own (maximum resident
 * set, whole process). Goal: under 4 s, at most 1.3x the bare table build, well
 * ahead of pandoc; peak memory below the bare build's.
 */

const ENTRIES = 10_000;
const RUNS = 3;
const PASSPHRASE = 'violet harbour tractor 1987 pebble';
const SELF = fileURLToPath(import.meta.url);

type Measured = { ms: number; peakMb: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** One measured run in a fresh process: `node report-export.bench.js MODE VAULT OUT`. */
function inProcess(mode: string, vault: string, out: string): Measured {
  const printed = execFileSync(process.execPath, [SELF, mode, vault, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(printed.trim().split('\n').at(-1) ?? '{}') as Measured;
}

function pandocRun(markdown: string, out: string): Measured {
  const start = performance.now();
  const timed = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', 'pandoc', '-f', 'markdown', '-t', 'docx', '-o', out, markdown],
    {
      encoding: 'utf8',
    },
  );
  const ms = performance.now() - start;
  if (timed.status !== 0) throw new Error(`pandoc failed: ${timed.stderr}`);
  return { ms, peakMb: Number(timed.stderr.trim().split('\n').at(-1)) / 1024 };
}

/** The same content as Markdown: the report's headings and the chronology as a pipe table. */
function markdownOf(headers: string[], rows: string[][]): string {
  const cell = (text: string) => text.replace(/\r?\n/g, ' ').replaceAll('|', '\\|');
  return [
    '# Bench review',
    '',
    '## Appendix D: Integrated chronology',
    '',
    `| ${headers.map(cell).join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
}

async function setUp(directory: string): Promise<{ vault: string; reviewId: string }> {
  const path = join(directory, 'bench.vault');
  const { vault } = await Vault.create(path, PASSPHRASE, { scrypt: { N: 2 ** 14, r: 8, p: 1 } });
  try {
    const review = createReview(vault, reviewCreateSchema.parse({ title: 'Bench review', type: 'cspr' }));
    addPerson(
      vault,
      personAddSchema.parse({ reviewId: review.id, name: 'Amira Example', role: 'child', pseudonym: 'Child H' }),
    );
    await importFile(vault, review.id, 'Health visiting', generateAgencyCsv(ENTRIES), ENTRIES);
    return { vault: path, reviewId: review.id };
  } finally {
    vault.close();
  }
}

export async function benchReportExport(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  try {
    const { vault, reviewId } = await setUp(directory);
    const opened = await Vault.unlock(vault, { passphrase: PASSPHRASE });
    const table = chronologyExportTable(opened, reviewId, { anonymise: false });
    opened.close();
    const markdown = join(directory, 'report.md');
    writeFileSync(markdown, markdownOf(table.headers, table.rows));
    writeFileSync(join(directory, 'review-id'), reviewId);

    const runs: Record<string, Measured[]> = { casebook: [], anonymised: [], bare: [], pandoc: [] };
    for (let run = 0; run < RUNS; run += 1) {
      runs.bare?.push(inProcess('bare', vault, join(directory, 'bare.docx')));
      runs.casebook?.push(inProcess('casebook', vault, join(directory, 'casebook.docx')));
      runs.anonymised?.push(inProcess('anonymised', vault, join(directory, 'anonymised.docx')));
      runs.pandoc?.push(pandocRun(markdown, join(directory, 'pandoc.docx')));
    }
    const ms = (name: string) => median((runs[name] ?? []).map((item) => item.ms));
    const peak = (name: string) => Math.max(...(runs[name] ?? []).map((item) => item.peakMb));
    console.log(
      `\n# Review report to .docx (${ENTRIES.toLocaleString('en-GB')} chronology entries; goal < 4 s, <= 1.3x the bare table build, well ahead of pandoc)`,
    );
    for (const [name, label] of [
      ['casebook', 'Casebook review report (read the vault, build, write, version)'],
      ['anonymised', 'the same, anonymised and leak-checked'],
      ['bare', 'baseline: bare docx library, the chronology table only'],
      ['pandoc', 'baseline: pandoc, the same content from Markdown'],
    ] as const) {
      console.log(`${label}: ${ms(name).toFixed(0)} ms median, peak ${peak(name).toFixed(0)} MB resident`);
    }
    console.log(
      `ratio: ${(ms('casebook') / ms('bare')).toFixed(2)}x the bare table build, ${(ms('casebook') / ms('pandoc')).toFixed(2)}x pandoc`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** A measured run in this process: its time and the process's peak resident memory. */
async function worker(mode: string, vaultPath: string, out: string): Promise<void> {
  const vault = await Vault.unlock(vaultPath, { passphrase: PASSPHRASE });
  const reviewId = readFileSync(join(vaultPath, '..', 'review-id'), 'utf8');
  let ms: number;
  if (mode === 'bare') {
    const { headers, rows } = chronologyExportTable(vault, reviewId, { anonymise: false });
    const start = performance.now();
    const cell = (text: string, bold = false) =>
      new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
    const document = new Document({
      sections: [
        {
          children: [
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                new TableRow({ tableHeader: true, children: headers.map((text) => cell(text, true)) }),
                ...rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
              ],
            }),
          ],
        },
      ],
    });
    writeFileSync(out, await Packer.toBuffer(document));
    ms = performance.now() - start;
  } else {
    const start = performance.now();
    const result = await exportReviewDocument(
      vault,
      { reviewId, kind: 'report', anonymise: mode === 'anonymised' },
      ({ content }) => writeFileSync(out, content),
    );
    ms = performance.now() - start;
    if ('refused' in result) throw new Error(`refused: ${result.leaks.slice(0, 3).join('; ')}`);
  }
  vault.close();
  console.log(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

if (process.argv[1] === SELF && process.argv.length === 5) {
  const [mode = '', vaultPath = '', out = ''] = process.argv.slice(2);
  await worker(mode, vaultPath, out);
}
