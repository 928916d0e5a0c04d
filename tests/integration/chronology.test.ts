import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CasebookApp } from '../../electron/app.js';
import type {
  ChronologyEntry,
  ChronologyImportPreview,
  ChronologyListResult,
  EntryUpdateResult,
  ImportCommitResult,
  Review,
  TimelineData,
} from '../../shared/api/contract.js';
import { fails, ok } from '../support/api.js';
import { newVaultAppFactory } from '../support/app.js';
import { ROOT } from '../support/build.js';
import { PASSPHRASE } from '../support/temp.js';

const newVaultApp = newVaultAppFactory();

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import');
const HV = 'health-visiting-excel-utf8.csv';
const HOUSING = 'housing-chronology-libreoffice.xlsx';

async function setUp(scope: { scopeFrom: string | null; scopeTo: string | null } = { scopeFrom: null, scopeTo: null }) {
  const app = await newVaultApp();
  const review = await ok<Review>(
    app.invoke('reviews.create', { title: 'Child H', type: 'cspr', ...scope, agencies: ['Health visiting'] }),
  );
  return { casebook: app, reviewId: review.id };
}

function preview(casebook: CasebookApp, reviewId: string, agency: string, file: string, extra = {}) {
  return ok<ChronologyImportPreview>(
    casebook.invoke('chronology.previewImport', {
      reviewId,
      agency,
      fileName: file,
      contentBase64: readFileSync(join(FIXTURES, file)).toString('base64'),
      ...extra,
    }),
  );
}

function rows(casebook: CasebookApp, sql: string, ...params: unknown[]) {
  return casebook.session
    .current()
    .database.prepare(sql)
    .all(...params) as Record<string, unknown>[];
}

async function list(casebook: CasebookApp, reviewId: string, filters = {}) {
  return ok<ChronologyListResult>(casebook.invoke('chronology.list', { reviewId, filters }));
}

describe('chronology import', () => {
  it('previews the BOM CSV with every problem on its spreadsheet row, nothing written', async () => {
    const { casebook, reviewId } = await setUp();
    const shown = await preview(casebook, reviewId, 'Health visiting', HV);
    expect(shown).toMatchObject({ format: 'csv', headerRowNumber: 1, missingRequired: [], alreadyImported: null });
    expect(shown.headers[0]).toBe('Ref');
    expect(shown.mapping).toMatchObject({
      sequence: 0,
      date: 1,
      time: 2,
      source: 3,
      practitioner: 4,
      childSeen: 5,
      event: 6,
      action: 7,
      significance: 8,
    });
    expect(shown.counts).toEqual({ rows: 8, valid: 5, rejected: 3, withWarnings: 0 });
    expect(shown.problems.map(({ row, column, severity }) => ({ row, column, severity }))).toEqual([
      { row: 5, column: 'Date', severity: 'error' },
      { row: 7, column: 'Date', severity: 'error' },
      { row: 8, column: 'Event', severity: 'error' },
    ]);
    expect(shown.problems[0]?.reason).toBe('date missing');
    expect(shown.problems[1]?.reason).toMatch(/^31\/02\/2015 is not a real date/);
    expect(shown.problems[2]?.reason).toBe('event text is empty');
    const first = shown.sampleRows[0];
    expect(first).toMatchObject({
      row: 2,
      sequence: 'HV-001',
      time: '14:30',
      childSeen: 'yes',
      agencyName: 'Health visiting',
    });
    expect(first?.date).toMatchObject({ precision: 'minute', iso: '2015-05-12T14:30', text: '12/05/2015' });
    expect(shown.sampleRows[1]?.date).toMatchObject({ precision: 'month', iso: '2015-06', qualifier: 'on' });
    expect(shown.sampleRows[2]?.date).toMatchObject({ qualifier: 'circa', iso: '2015-07' });
    expect(shown.sampleRows[2]?.childSeen).toBe('not-known');
    expect(shown.sampleRows[3]?.date.iso).toBe('2015-09-03T14:30');
    expect(shown.sampleRows[4]?.date).toMatchObject({ qualifier: 'between', iso: '2015-11-01/2015-11-15' });
    expect(rows(casebook, 'SELECT * FROM chronology_entry')).toEqual([]);
  });

  it('all-or-nothing writes nothing (no entries, no audit row); skip-invalid imports the valid rows', async () => {
    const { casebook, reviewId } = await setUp();
    const auditBefore = rows(casebook, 'SELECT seq FROM audit_log').length;
    const shown = await preview(casebook, reviewId, 'Health visiting', HV);
    const refused = await ok<ImportCommitResult>(
      casebook.invoke('chronology.commitImport', { previewId: shown.previewId, mode: 'all-or-nothing' }),
    );
    expect(refused).toMatchObject({ importId: null, imported: 0, possibleDuplicates: 0 });
    expect(refused.rejected.map((item) => item.row)).toEqual([5, 7, 8]);
    expect(rows(casebook, 'SELECT * FROM chronology_entry')).toEqual([]);
    expect(rows(casebook, 'SELECT * FROM chronology_import')).toEqual([]);
    expect(rows(casebook, 'SELECT seq FROM audit_log').length).toBe(auditBefore);

    const done = await ok<ImportCommitResult>(
      casebook.invoke('chronology.commitImport', { previewId: shown.previewId, mode: 'skip-invalid' }),
    );
    expect(done).toMatchObject({ imported: 5, possibleDuplicates: 0 });
    expect(done.rejected).toHaveLength(3);
    const audit = rows(
      casebook,
      "SELECT entity, entity_id, action, detail FROM audit_log WHERE entity = 'chronology_import'",
    );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(audit[0]?.detail))).toMatchObject({
      reviewId,
      entries: 5,
      rejected: 3,
      mode: 'skip-invalid',
    });
    expect(String(audit[0]?.detail)).not.toMatch(/Child H|Mother/);
    // The preview is gone once committed.
    expect((await fails(casebook.invoke('chronology.commitImport', { previewId: shown.previewId }))).code).toBe(
      'not_found',
    );
    // An agency its entries come from cannot be taken off the review.
    const removal = await fails(casebook.invoke('reviews.update', { id: reviewId, agencies: [] }));
    expect(removal).toMatchObject({
      code: 'conflict',
      message: '"Health visiting" cannot be removed: 5 chronology entries come from it. Change their agency first.',
    });
  });

  it('refuses a re-import of the same content unless confirmed', async () => {
    const { casebook, reviewId } = await setUp();
    const first = await preview(casebook, reviewId, 'Health visiting', HV);
    await ok(casebook.invoke('chronology.commitImport', { previewId: first.previewId, mode: 'skip-invalid' }));
    const again = await preview(casebook, reviewId, 'Health visiting', HV);
    expect(again.alreadyImported).toMatchObject({ fileName: HV, rows: 5 });
    const refused = await fails(
      casebook.invoke('chronology.commitImport', { previewId: again.previewId, mode: 'skip-invalid' }),
    );
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(
      /^This file was already imported into this review .*Tick “Import this file again anyway”/,
    );
    expect(rows(casebook, 'SELECT id FROM chronology_entry')).toHaveLength(5);
    const confirmed = await ok<ImportCommitResult>(
      casebook.invoke('chronology.commitImport', {
        previewId: again.previewId,
        mode: 'skip-invalid',
        confirmReimport: true,
      }),
    );
    expect(confirmed.imported).toBe(5);
    expect(rows(casebook, 'SELECT id FROM chronology_entry')).toHaveLength(10);
  });

  it('imports the LibreOffice .xlsx (header below the title, date cells), warns outside the scope period', async () => {
    const { casebook, reviewId } = await setUp({ scopeFrom: '2015-04-01', scopeTo: '2016-03-31' });
    const shown = await preview(casebook, reviewId, 'Riverside Homes', HOUSING);
    expect(shown).toMatchObject({
      format: 'xlsx',
      sheets: ['Chronology', 'Notes'],
      sheet: 'Chronology',
      headerRowNumber: 4,
    });
    const errors = shown.problems.filter((problem) => problem.severity === 'error');
    expect(errors.map(({ row, column, reason }) => ({ row, column, reason }))).toEqual([
      { row: 7, column: 'Date', reason: expect.stringMatching(/^31\/02\/2015 is not a real date/) },
      { row: 11, column: 'Date', reason: 'date missing' },
      { row: 12, column: 'Event', reason: 'event text is empty' },
    ]);
    // 02/03/2015 is before a scope starting 01/04/2015: a warning, not an error.
    const warnings = shown.problems.filter((problem) => problem.severity === 'warning');
    expect(warnings).toEqual([
      {
        row: 5,
        column: 'Date',
        severity: 'warning',
        reason: "02/03/2015 is before the review's scope period (starts 01/04/2015)",
      },
    ]);
    expect(shown.counts).toMatchObject({ valid: 4, rejected: 3, withWarnings: 1 });
    const done = await ok<ImportCommitResult>(
      casebook.invoke('chronology.commitImport', { previewId: shown.previewId, mode: 'skip-invalid' }),
    );
    expect(done).toMatchObject({ imported: 4, warnings: 1 });
    const { entries } = await list(casebook, reviewId);
    expect(entries.map((entry) => entry.provenance?.row)).toEqual([5, 6, 8, 9]);
    expect(entries[1]?.date).toMatchObject({
      precision: 'minute',
      iso: '2015-05-12T14:30',
      display: '12/05/2015 14:30',
    });
    expect(entries[0]?.provenance).toMatchObject({
      fileName: HOUSING,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('remembers the confirmed mapping per agency and reuses it', async () => {
    const { casebook, reviewId } = await setUp();
    const shown = await preview(casebook, reviewId, 'Health visiting', HV);
    // The reviewer says the Significance column is really the action, and leaves Action taken out.
    const remapped = await ok<ChronologyImportPreview>(
      casebook.invoke('chronology.updatePreview', {
        previewId: shown.previewId,
        mapping: { ...shown.mapping, action: 8, significance: null },
      }),
    );
    expect(remapped.matchedBy).toMatchObject({ action: 'chosen' });
    expect(remapped.unmatchedHeaders).toEqual(['Action taken']);
    await ok(casebook.invoke('chronology.commitImport', { previewId: shown.previewId, mode: 'skip-invalid' }));
    const saved = await ok<{ mapping: Record<string, string> }>(
      casebook.invoke('chronology.savedMapping', { reviewId, agency: 'HEALTH VISITING' }),
    );
    expect(saved.mapping).toMatchObject({ action: 'Significance', date: 'Date', event: 'Event' });
    expect(saved.mapping.significance).toBeUndefined();
    const next = await preview(casebook, reviewId, 'Health visiting', HV);
    expect(next.mapping.action).toBe(8);
    expect(next.matchedBy.action).toBe('saved');
  });
});

describe('integrated chronology', () => {
  it('merges agencies in the one order (shared/chronology/order.ts): date, untimed after timed, agency, sequence', async () => {
    const { casebook, reviewId } = await setUp();
    const add = (agency: string, date: string, event: string, extra = {}) =>
      ok<ChronologyEntry>(casebook.invoke('chronology.create', { reviewId, agency, date, event, ...extra }));
    await add('Police', '12/05/2015', 'police same day, no sequence');
    await add('Health visiting', '12/05/2015', 'hv same day seq 2', { sequence: '2' });
    await add('Health visiting', '12/05/2015', 'hv same day seq 10', { sequence: '10' });
    await add('Police', 'May 2015', 'police month only');
    await add('Health visiting', 'circa May 2015', 'hv circa May');
    await add('School', 'between 01/05/2015 and 15/05/2015', 'school between');
    await add('Police', '2015', 'police year only');
    await add('School', 'before 12/05/2015', 'school before');
    await add('School', '12/05/2015 09:00', 'school timed');
    await add('Health visiting', '01/05/2015', 'hv first of May');
    await add('School', '12/05/2015', 'school same day, no sequence');
    const { total, entries } = await list(casebook, reviewId);
    expect(total).toBe(11);
    expect(entries.map((entry) => entry.event)).toEqual([
      'police year only',
      'police month only',
      'hv circa May',
      // Uncertain: at the start of its range, before the untimed first of May.
      'school between',
      'hv first of May',
      'school before',
      // Timed before untimed on the same day.
      'school timed',
      // Then by the agency's place in the review (Health visiting, Police, School), then sequence.
      'hv same day seq 2',
      'hv same day seq 10',
      'police same day, no sequence',
      'school same day, no sequence',
    ]);
    // Each entry keeps the number it was given when added, whatever its place.
    expect(entries.map((entry) => entry.ref)).toEqual([7, 4, 5, 6, 10, 8, 9, 2, 3, 1, 11]);
    // Stable: the same again.
    expect((await list(casebook, reviewId)).entries.map((entry) => entry.id)).toEqual(entries.map((entry) => entry.id));
    // Filters: agency, date window (fuzzy ranges overlap), significant.
    const police = entries.find((entry) => entry.agency.name === 'Police')?.agency.id;
    expect((await list(casebook, reviewId, { agencyIds: [police] })).total).toBe(3);
    expect(
      (await list(casebook, reviewId, { from: '2015-05-12', to: '2015-05-12' })).entries.map((e) => e.event),
    ).toEqual([
      'police year only',
      'police month only',
      'hv circa May',
      'school between',
      'school timed',
      'hv same day seq 2',
      'hv same day seq 10',
      'police same day, no sequence',
      'school same day, no sequence',
    ]);
    expect((await list(casebook, reviewId, { significantOnly: true })).total).toBe(0);

    const timeline = await ok<TimelineData>(casebook.invoke('chronology.timeline', { reviewId }));
    expect(timeline.agencies.map((agency) => agency.name)).toEqual(['Health visiting', 'Police', 'School']);
    expect(timeline.items.map((item) => item.id)).toEqual(entries.map((entry) => entry.id));
    const month = timeline.items[1];
    expect(month).toMatchObject({
      agencyIndex: 1,
      precision: 'month',
      startMs: Date.UTC(2015, 4, 1),
      endMs: Date.UTC(2015, 5, 1),
      dateDisplay: 'May 2015',
    });
    const before = timeline.items[5];
    expect(before).toMatchObject({
      qualifier: 'before',
      startMs: Date.UTC(2015, 4, 12),
      endMs: Date.UTC(2015, 4, 12),
      dateDisplay: 'before 12/05/2015',
    });
  });

  it('updates any field, re-parses a changed date, returns the previous values for undo', async () => {
    const { casebook, reviewId } = await setUp();
    const entry = await ok<ChronologyEntry>(
      casebook.invoke('chronology.create', {
        reviewId,
        agency: 'Health visiting',
        date: '12/05/2015',
        time: '14:30',
        event: 'Visit',
        tags: ['home visit'],
      }),
    );
    expect(entry.date).toMatchObject({ precision: 'minute', iso: '2015-05-12T14:30' });
    const bad = await fails(casebook.invoke('chronology.update', { id: entry.id, date: '31/02/2015' }));
    expect(bad).toMatchObject({ code: 'invalid_payload' });
    expect(bad.message).toMatch(/31\/02\/2015 is not a real date/);

    const changed = await ok<EntryUpdateResult>(
      casebook.invoke('chronology.update', {
        id: entry.id,
        date: 'circa June 2015',
        event: 'Visit (corrected)',
        significant: true,
        tags: ['home visit', 'neglect'],
      }),
    );
    expect(changed.entry.date).toMatchObject({
      qualifier: 'circa',
      precision: 'month',
      iso: '2015-06',
      text: 'circa June 2015',
    });
    expect(changed.entry).toMatchObject({
      event: 'Visit (corrected)',
      significant: true,
      tags: ['home visit', 'neglect'],
    });
    expect(changed.previous).toEqual({ date: '12/05/2015', event: 'Visit', significant: false, tags: ['home visit'] });
    // FTS follows the edit.
    expect(rows(casebook, "SELECT rowid FROM chronology_fts WHERE chronology_fts MATCH 'corrected'")).toHaveLength(1);

    const undone = await ok<EntryUpdateResult>(
      casebook.invoke('chronology.update', { id: entry.id, ...changed.previous }),
    );
    expect(undone.entry).toMatchObject({ event: 'Visit', significant: false, tags: ['home visit'] });
    expect(undone.entry.date).toEqual(entry.date);
    expect(rows(casebook, "SELECT rowid FROM chronology_fts WHERE chronology_fts MATCH 'corrected'")).toHaveLength(0);

    const deleted = await ok<{ ref: number }>(casebook.invoke('chronology.delete', { id: entry.id }));
    expect(deleted.ref).toBe(entry.ref);
    expect((await list(casebook, reviewId)).total).toBe(0);
    expect(rows(casebook, "SELECT rowid FROM chronology_fts WHERE chronology_fts MATCH 'visit'")).toHaveLength(0);
    const actions = rows(casebook, "SELECT action FROM audit_log WHERE entity = 'chronology_entry'").map(
      (row) => row.action,
    );
    expect(actions).toEqual(['created', 'updated', 'updated', 'deleted']);
  });

  it("links entries to the review's people, filters by person, and undoes a change of people", async () => {
    const { casebook, reviewId } = await setUp();
    const child = await ok<{ id: string }>(
      casebook.invoke('people.add', { reviewId, name: 'Harriet Example', role: 'child', pseudonym: 'Child H' }),
    );
    const mother = await ok<{ id: string }>(
      casebook.invoke('people.add', { reviewId, name: 'Jo Example', role: 'parent', pseudonym: 'Mother' }),
    );
    const entry = await ok<ChronologyEntry>(
      casebook.invoke('chronology.create', {
        reviewId,
        agency: 'Health visiting',
        date: '12/05/2015',
        event: 'Home visit; child seen with mother',
        personIds: [child.id, mother.id],
      }),
    );
    expect([...entry.personIds].sort()).toEqual([child.id, mother.id].sort());
    await ok(
      casebook.invoke('chronology.create', {
        reviewId,
        agency: 'Health visiting',
        date: '13/05/2015',
        event: 'Letter',
      }),
    );
    expect((await list(casebook, reviewId, { personIds: [mother.id] })).entries.map((item) => item.id)).toEqual([
      entry.id,
    ]);

    const changed = await ok<EntryUpdateResult>(
      casebook.invoke('chronology.update', { id: entry.id, personIds: [child.id] }),
    );
    expect(changed.entry.personIds).toEqual([child.id]);
    expect((await list(casebook, reviewId, { personIds: [mother.id] })).total).toBe(0);
    // Undo: the previous values put the mother back.
    await ok(casebook.invoke('chronology.update', { id: entry.id, ...changed.previous }));
    expect((await list(casebook, reviewId, { personIds: [mother.id] })).total).toBe(1);

    const elsewhere = await ok<Review>(casebook.invoke('reviews.create', { title: 'Other', type: 'scr' }));
    const stranger = await ok<{ id: string }>(
      casebook.invoke('people.add', { reviewId: elsewhere.id, name: 'Sam Other', role: 'child', pseudonym: 'Child S' }),
    );
    const refused = await fails(casebook.invoke('chronology.update', { id: entry.id, personIds: [stranger.id] }));
    expect(refused).toMatchObject({ code: 'invalid_payload', message: `person ${stranger.id} is not in this review` });
    expect((await ok<ChronologyEntry>(casebook.invoke('chronology.get', { id: entry.id }))).personIds).toHaveLength(2);
  });

  it('drops previews when the vault locks', async () => {
    const { casebook, reviewId } = await setUp();
    const shown = await preview(casebook, reviewId, 'Health visiting', HV);
    await ok(casebook.invoke('vault.lock', {}));
    await ok(casebook.invoke('vault.unlock', { passphrase: PASSPHRASE }));
    expect((await fails(casebook.invoke('chronology.commitImport', { previewId: shown.previewId }))).code).toBe(
      'not_found',
    );
  });
});
