import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { insertSearchEntries } from '../../bench/chronology-search.bench.js';
import { listEntries } from '../../db/chronology.js';
import { FEW_MATCHES, MANY_MATCHES, searchChronology } from '../../db/chronology-search.js';
import type { CasebookApp } from '../../electron/app.js';
import type {
  ChronologyEntry,
  ChronologyExport,
  ChronologyListResult,
  DuplicateFlag,
  KeyPracticeEpisode,
  Review,
  SearchResult,
} from '../../shared/api/contract.js';
import { fails, ok } from '../support/api.js';
import { importCsv, newVaultAppFactory } from '../support/app.js';
import { CLI } from '../support/build.js';
import { PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();
const newVaultApp = newVaultAppFactory();

const POLICE = [
  'Ref,Date,Source,Staff,Details,Outcome',
  'P1,12/05/2015,Log 1,PC Dave Miller,"Strategy discussion with police re Holly Smith",s47 agreed',
  'P2,14/05/2015,Log 2,PC Dave Miller,"=HYPERLINK(""http://evil.example"",""click"")",-',
  "P3,20/06/2015,Log 3,PC Dave Miller,Sarah's partner Daniel O'Brien arrested,Bail",
].join('\r\n');

const SOCIAL_CARE = [
  'Sequence,Start Date,Source record,Worker,Details of contact,Decision',
  '1,12/05/2015,Contact C-1,Mark Reid,"Strategy meeting held, police and CSC attended; Sarah Smith informed",Proceed to s47',
  '2,12/05/2015,Contact C-2,Mark Reid,Home visit to Holly and Mrs Smith: home conditions poor,Plan',
  '3,May 2015,Case note,Mark Reid,+44 7700 900123 rang the duty desk,@duty',
].join('\r\n');

async function reviewWithTwoAgencies() {
  const casebook = await newVaultApp();
  const review = await ok<Review>(
    casebook.invoke('reviews.create', { title: 'Holly Smith: CSPR', type: 'cspr', scopeFrom: '2015-01-01' }),
  );
  const people = [
    { name: 'Holly Smith', role: 'child', pseudonym: 'Child H' },
    { name: 'Sarah Smith', role: 'parent', pseudonym: 'Mother', relationship: 'Mother' },
    { name: "Daniel O'Brien", role: 'other', pseudonym: 'Partner' },
    { name: 'Mark Reid', role: 'professional', pseudonym: 'SW1', relationship: 'Social worker' },
    { name: 'Dave Miller', role: 'professional', pseudonym: 'PO1', relationship: 'Police officer' },
  ];
  for (const person of people) await ok(casebook.invoke('people.add', { reviewId: review.id, ...person }));
  const police = await importCsv(casebook, review.id, 'Northshire Police', POLICE);
  const csc = await importCsv(casebook, review.id, "Children's Social Care", SOCIAL_CARE);
  return { casebook, reviewId: review.id, police, csc };
}

async function entries(casebook: CasebookApp, reviewId: string): Promise<ChronologyEntry[]> {
  return (await ok<ChronologyListResult>(casebook.invoke('chronology.list', { reviewId }))).entries;
}

const REAL_NAMES = /holly|sarah|smith|daniel|o'brien|mark reid|\breid\b|dave|miller/i;

describe('possible duplicates', () => {
  it('flags the same strategy meeting from two agencies on import; the reviewer links, keeps or dismisses', async () => {
    const { casebook, reviewId, police, csc } = await reviewWithTwoAgencies();
    expect(police.possibleDuplicates).toBe(0);
    // Only the strategy meeting is told by both agencies.
    expect(csc.possibleDuplicates).toBe(1);
    const list = await entries(casebook, reviewId);
    const policeMeeting = list.find((entry) => entry.event.startsWith('Strategy discussion'));
    const cscMeeting = list.find((entry) => entry.event.startsWith('Strategy meeting'));
    expect(policeMeeting?.possibleDuplicateOf).toEqual([cscMeeting?.id]);
    expect(cscMeeting?.possibleDuplicateOf).toEqual([policeMeeting?.id]);

    const [flag] = await ok<DuplicateFlag[]>(casebook.invoke('chronology.duplicates', { reviewId }));
    expect(flag).toMatchObject({ status: 'flagged', decidedAt: null });
    expect(flag?.score).toBeGreaterThanOrEqual(0.6);
    expect(new Set(flag?.entries.map((entry) => entry.id))).toEqual(new Set([policeMeeting?.id, cscMeeting?.id]));

    const flagId = flag?.id as string;
    const linked = await ok<DuplicateFlag>(
      casebook.invoke('chronology.resolveDuplicate', { flagId, decision: 'link' }),
    );
    expect(linked.status).toBe('linked');
    expect(linked.decidedBy).toBeTruthy();
    // Linked: both entries stay, pointing at each other as one event, no longer as a question.
    const afterLink = await entries(casebook, reviewId);
    expect(afterLink.length).toBe(list.length);
    const linkedPolice = afterLink.find((entry) => entry.id === policeMeeting?.id);
    expect(linkedPolice).toMatchObject({ linkedWith: [cscMeeting?.id], possibleDuplicateOf: [] });
    const dismissed = await ok<DuplicateFlag>(
      casebook.invoke('chronology.resolveDuplicate', { flagId, decision: 'dismiss' }),
    );
    expect(dismissed.status).toBe('dismissed');
    expect((await entries(casebook, reviewId)).every((entry) => entry.possibleDuplicateOf.length === 0)).toBe(true);
    expect(
      await ok<DuplicateFlag[]>(casebook.invoke('chronology.duplicates', { reviewId, statuses: ['flagged'] })),
    ).toEqual([]);
    await ok(casebook.invoke('chronology.resolveDuplicate', { flagId, decision: 'keep-both' }));
    // A decided pair is not flagged again by a later look.
    expect(await ok(casebook.invoke('chronology.detectDuplicates', { reviewId }))).toEqual({ flagged: 0 });
    expect(
      (await fails(casebook.invoke('chronology.resolveDuplicate', { flagId: 'x:y', decision: 'link' }))).code,
    ).toBe('not_found');

    const audit = casebook.session
      .current()
      .database.prepare("SELECT detail FROM audit_log WHERE entity = 'chronology_duplicate'")
      .all() as { detail: string }[];
    expect(audit.map((row) => JSON.parse(row.detail).decision)).toEqual(['link', 'dismiss', 'keep-both']);
    // Each decision names the two entries by the numbers the reviewer cites.
    const numbers = [policeMeeting?.ref, cscMeeting?.ref].sort((a, b) => Number(a) - Number(b));
    for (const row of audit) expect(JSON.parse(row.detail).entries).toEqual(numbers);
  });
});

describe('search', () => {
  it('returns matches in order with highlighted segments, safe against FTS5 syntax', async () => {
    const { casebook, reviewId } = await reviewWithTwoAgencies();
    const result = await ok<SearchResult>(casebook.invoke('chronology.search', { reviewId, query: 'strateg' }));
    expect(result.query).toBe('"strateg"*');
    expect(result.matches.map((match) => match.event.find((part) => part.match)?.text)).toEqual([
      'Strategy',
      'Strategy',
    ]);
    expect(result.matches[0]?.date).toBe('12/05/2015');
    expect(result.matches[0]?.event.map((part) => part.text).join('')).toMatch(/^Strategy (discussion|meeting)/);

    const phrase = await ok<SearchResult>(
      casebook.invoke('chronology.search', { reviewId, query: '"home conditions" poor ' }),
    );
    expect(phrase.matches).toHaveLength(1);
    expect(phrase.matches[0]?.snippet.segments.filter((part) => part.match).map((part) => part.text)).toEqual([
      'home conditions',
      'poor',
    ]);

    const action = await ok<SearchResult>(casebook.invoke('chronology.search', { reviewId, query: 'bail' }));
    expect(action.matches[0]?.snippet.field).toBe('action');

    for (const query of ['AND', 'NOT OR', '"', 'a*b(', 'col:umn', '-', 'NEAR(x y)', '^start']) {
      expect((await casebook.invoke('chronology.search', { reviewId, query })).ok).toBe(true);
    }
    const paged = await ok<SearchResult>(casebook.invoke('chronology.search', { reviewId, query: 's47', limit: 1 }));
    expect(paged.matches).toHaveLength(1);
    expect(paged.hasMore).toBe(true);
    expect((await fails(casebook.invoke('chronology.search', { reviewId, query: 'x', limit: 51 }))).code).toBe(
      'invalid_payload',
    );
  });
});

describe('search index upkeep', () => {
  it('finds a typed-in entry, follows an edit of its text, forgets a deleted one and finds it restored', async () => {
    const { casebook, reviewId } = await reviewWithTwoAgencies();
    const search = async (query: string) =>
      (await ok<SearchResult>(casebook.invoke('chronology.search', { reviewId, query }))).matches.length;
    const created = await ok<{ id: string }>(
      casebook.invoke('chronology.create', {
        reviewId,
        agency: 'Police',
        date: '03/04/2015',
        event: 'Quokka sighted at the family home during welfare check',
      }),
    );
    expect(await search('quokka')).toBe(1);
    await ok(casebook.invoke('chronology.update', { id: created.id, event: 'Wombat sighted during welfare check' }));
    expect(await search('quokka')).toBe(0);
    expect(await search('wombat')).toBe(1);
    await ok(casebook.invoke('chronology.delete', { id: created.id }));
    expect(await search('wombat')).toBe(0);
    // Restored: found again, under its own id.
    await ok(casebook.invoke('chronology.restore', { id: created.id }));
    expect(await search('wombat')).toBe(1);
  });
});

describe('search plans', () => {
  it('rare, middling and common terms give the page a brute-force scan of the integrated order gives', async () => {
    const casebook = await newVaultApp();
    const review = await ok<Review>(
      casebook.invoke('reviews.create', { title: 'Plans', type: 'cspr', agencies: ['A', 'B', 'C'] }),
    );
    const vault = casebook.session.current();
    insertSearchEntries(
      vault,
      review.id,
      review.agencies.map((agency) => agency.id),
      30_000,
    );
    const ordered = listEntries(vault.database, {
      reviewId: review.id,
      filters: {},
      offset: 0,
      limit: 200_000,
    }).entries;
    const words = (entry: ChronologyEntry) =>
      [entry.event, entry.action, entry.significance, entry.source, entry.practitioner]
        .join(' ')
        .toLowerCase()
        .split(/[^a-z0-9]+/);
    const cases: [string, (tokens: string[]) => boolean][] = [
      ['fracture', (tokens) => tokens.includes('fracture')],
      ['hostile', (tokens) => tokens.includes('hostile')],
      ['home visi', (tokens) => tokens.includes('home') && tokens.some((token) => token.startsWith('visi'))],
      ['strategy ', (tokens) => tokens.includes('strategy')],
      ['record pla', (tokens) => tokens.includes('record') && tokens.some((token) => token.startsWith('pla'))],
    ];
    const counts: number[] = [];
    for (const [query, test] of cases) {
      const expected = ordered.filter((entry) => test(words(entry)));
      counts.push(expected.length);
      for (const offset of [0, 20]) {
        const result = searchChronology(vault.database, { reviewId: review.id, query, limit: 50, offset });
        expect(result.matches.map((match) => match.entryId)).toEqual(
          expected.slice(offset, offset + 50).map((entry) => entry.id),
        );
        expect(result.hasMore).toBe(expected.length > offset + 50);
      }
    }
    // The cases cover every plan: under FEW_MATCHES, between, and from MANY_MATCHES.
    expect(counts[0]).toBeLessThan(FEW_MATCHES);
    expect(counts[1]).toBeGreaterThanOrEqual(FEW_MATCHES);
    expect(counts[1]).toBeLessThan(MANY_MATCHES);
    expect(counts[4]).toBeGreaterThanOrEqual(MANY_MATCHES);
  });
});

describe('key practice episodes', () => {
  it('creates from a span or from entries, lists, updates, assigns and deletes; the list filters by episode', async () => {
    const { casebook, reviewId } = await reviewWithTwoAgencies();
    const all = await entries(casebook, reviewId);
    const bySpan = await ok<KeyPracticeEpisode>(
      casebook.invoke('episodes.create', { reviewId, title: 'Strategy and s47', from: '2015-05-12', to: '2015-05-14' }),
    );
    // Wholly within the span: the four entries of 12-14 May, not the one dated May 2015.
    expect(bySpan.entryIds).toHaveLength(4);
    expect(bySpan).toMatchObject({ from: '2015-05-12', to: '2015-05-14', description: null });

    const arrest = all.find((entry) => entry.event.includes('arrested')) as ChronologyEntry;
    const byEntries = await ok<KeyPracticeEpisode>(
      casebook.invoke('episodes.create', { reviewId, title: 'Arrest', entryIds: [arrest.id] }),
    );
    expect(byEntries).toMatchObject({ from: '2015-06-20', to: '2015-06-20', entryIds: [arrest.id] });

    const filtered = await ok<ChronologyListResult>(
      casebook.invoke('chronology.list', { reviewId, filters: { episodeId: bySpan.id } }),
    );
    expect(filtered.entries.map((entry) => entry.id)).toEqual(bySpan.entryIds);

    const updated = await ok<KeyPracticeEpisode>(
      casebook.invoke('episodes.update', { id: byEntries.id, title: 'Arrest of partner', description: 'Police' }),
    );
    expect(updated).toMatchObject({ title: 'Arrest of partner', description: 'Police', entryIds: [arrest.id] });
    const added = await ok<KeyPracticeEpisode>(
      casebook.invoke('episodes.assignEntries', { episodeId: byEntries.id, entryIds: bySpan.entryIds }),
    );
    expect(added.entryIds).toHaveLength(5);
    const removed = await ok<KeyPracticeEpisode>(
      casebook.invoke('episodes.assignEntries', { episodeId: byEntries.id, entryIds: [arrest.id], mode: 'remove' }),
    );
    expect(removed.entryIds).toEqual(bySpan.entryIds);
    expect(
      (await fails(casebook.invoke('episodes.assignEntries', { episodeId: byEntries.id, entryIds: ['nope'] }))).code,
    ).toBe('not_found');
    expect((await fails(casebook.invoke('episodes.create', { reviewId, title: 'Nothing' }))).code).toBe(
      'invalid_payload',
    );

    const listed = await ok<KeyPracticeEpisode[]>(casebook.invoke('episodes.list', { reviewId }));
    expect(listed.map((episode) => episode.id)).toEqual([bySpan.id, byEntries.id]);
    await ok(casebook.invoke('episodes.delete', { id: bySpan.id }));
    expect(await ok<KeyPracticeEpisode[]>(casebook.invoke('episodes.list', { reviewId }))).toHaveLength(1);
    expect(await entries(casebook, reviewId)).toHaveLength(all.length);
  });
});

async function readXlsx(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((value) => (value === undefined ? '' : String(value))));
  });
  return rows;
}

describe('export', () => {
  it('XLSX: marking, frozen header, UK dates, agency column, neutralised cells; anonymised leaves no real name', async () => {
    const { casebook, reviewId } = await reviewWithTwoAgencies();
    const plain = await ok<ChronologyExport>(casebook.invoke('chronology.export', { reviewId, format: 'xlsx' }));
    expect(plain.fileName).toMatch(/^integrated-chronology-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const content = Buffer.from(plain.contentBase64, 'base64');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.headerFooter.oddHeader).toContain('OFFICIAL-SENSITIVE');
    expect(sheet.headerFooter.oddFooter).toContain('OFFICIAL-SENSITIVE');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const rows = await readXlsx(content);
    expect(rows[0]?.[0]).toMatch(/^OFFICIAL-SENSITIVE - DRAFT - Integrated chronology: Holly Smith: CSPR/);
    expect(rows[1]?.slice(0, 3)).toEqual(['No.', 'Date', 'Agency']);
    const body = rows.slice(2);
    expect(body).toHaveLength(6);
    expect(body.map((row) => row[1])).toEqual([
      'May 2015',
      '12/05/2015',
      '12/05/2015',
      '12/05/2015',
      '14/05/2015',
      '20/06/2015',
    ]);
    expect(body.map((row) => row[2])).toContain('Northshire Police');
    const cells = body.flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(cells).toContain("'+44 7700 900123 rang the duty desk");
    expect(cells).toContain("'@duty");
    expect(cells).toContain("'-");
    expect(cells.some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
    expect(cells.join(' ')).toMatch(REAL_NAMES);

    const anonymised = await ok<ChronologyExport>(
      casebook.invoke('chronology.export', { reviewId, format: 'xlsx', anonymise: true }),
    );
    expect(anonymised.fileName).toMatch(/-anonymised\.xlsx$/);
    const anonymisedRows = await readXlsx(Buffer.from(anonymised.contentBase64, 'base64'));
    const text = anonymisedRows.flat().join('\n');
    expect(text).not.toMatch(REAL_NAMES);
    expect(text).toContain('Strategy discussion with police re Child H');
    expect(text).toContain("Mother's partner Partner arrested");
    expect(anonymisedRows[0]?.[0]).toContain('Integrated chronology: Child H: CSPR');
    const practitioners = anonymisedRows.slice(2).map((row) => row[4]);
    expect(new Set(practitioners)).toEqual(new Set(['SW1', 'PO1']));

    const audit = casebook.session
      .current()
      .database.prepare("SELECT detail FROM audit_log WHERE action = 'chronology exported'")
      .all() as { detail: string }[];
    expect(audit.map((row) => JSON.parse(row.detail))).toEqual([
      { format: 'xlsx', anonymised: false, entries: 6 },
      { format: 'xlsx', anonymised: true, entries: 6 },
    ]);
  });

  it('CSV: UTF-8 BOM, CRLF, quoted fields, neutralised cells; anonymised leaves no real name', async () => {
    const { casebook, reviewId } = await reviewWithTwoAgencies();
    const exported = await ok<ChronologyExport>(
      casebook.invoke('chronology.export', { reviewId, format: 'csv', anonymise: true }),
    );
    expect(exported.mimeType).toBe('text/csv');
    const bytes = Buffer.from(exported.contentBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/\n/);
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^"OFFICIAL-SENSITIVE - DRAFT/);
    expect(lines[1]).toMatch(/^"No\.","Date","Agency",/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain(`"'@duty"`);
    expect(text).not.toMatch(/(^|,)"[=+\-@]/m);
    expect(text).not.toMatch(REAL_NAMES);
  });

  it('casebook chronology export writes the file named by --out, in the format of its extension', async () => {
    const { casebook, reviewId } = await reviewWithTwoAgencies();
    const vaultPath = casebook.session.current().path;
    casebook.close();
    const directory = tempDirectory();
    const run = (args: string[]) =>
      spawnSync(process.execPath, [CLI, '--vault', vaultPath, ...args], {
        encoding: 'utf8',
        env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
      });

    const xlsx = join(directory, 'out.xlsx');
    const done = run(['chronology', 'export', '--review', reviewId, '--out', xlsx, '--anonymise', '--json']);
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ out: xlsx, format: 'xlsx', entries: 6, anonymised: true });
    expect(statSync(xlsx).mode & 0o077).toBe(0);
    expect((await readXlsx(readFileSync(xlsx))).flat().join('\n')).not.toMatch(REAL_NAMES);

    const csv = join(directory, 'out.csv');
    expect(run(['chronology', 'export', '--review', reviewId, '--out', csv]).status).toBe(0);
    expect([...readFileSync(csv).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(csv, 'utf8')).toMatch(REAL_NAMES);

    const wrong = run(['chronology', 'export', '--review', reviewId, '--out', join(directory, 'out.pdf')]);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/\.xlsx or \.csv/);
  });
});
