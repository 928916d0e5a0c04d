import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../db/audit.js';
import { openEncryptedDatabase } from '../../db/connection.js';
import { migrate } from '../../db/migrate.js';
import { migrations } from '../../db/migrations/index.js';
import { type Database, run as execute, query } from '../../db/query.js';
import { tempDirectoryFactory } from '../support/temp.js';

/**
 * Each migration as Signal Desktop tests its own: a real encrypted vault brought to
 * the migration before, filled with data as that version would have written it,
 * migrated, and then every row still there, byte for byte, the foreign keys still
 * whole, the audit chain unbroken, and the new tables usable with the old rows.
 */

const tempDirectory = tempDirectoryFactory();
const open: Database[] = [];
afterEach(() => {
  for (const database of open.splice(0)) database.close();
});

function vaultAt(migration: string): Database {
  const database = openEncryptedDatabase(join(tempDirectory(), 'test.vault'), randomBytes(32), { access: 'create' });
  open.push(database);
  migrate(database, () => new Date('2026-01-01T00:00:00Z'), { newVault: true, until: migration });
  return database;
}

/**
 * A vault at the migration before `index`, holding every earlier version's rows, each
 * written by that version on its own schema (a later migration may drop a table).
 */
function vaultWithRowsBefore(index: number): Database {
  const database = vaultAt(migrations[0]?.name ?? '');
  for (const [at, seed] of migrations.slice(0, index).entries()) {
    if (at > 0) migrate(database, undefined, { until: seed.name });
    seeds[seed.name]?.(database);
  }
  return database;
}

const NOW = '2026-01-01T09:00:00.000Z';
const REVIEW = '00000000-0000-4000-8000-000000000001';
const AGENCY = '00000000-0000-4000-8000-000000000002';
const OTHER_AGENCY = '00000000-0000-4000-8000-000000000003';
const PERSON = '00000000-0000-4000-8000-000000000004';
const CASE = '00000000-0000-4000-8000-000000000005';
const IMPORT = '00000000-0000-4000-8000-000000000006';
const ENTRY = '00000000-0000-4000-8000-000000000007';
const OTHER_ENTRY = '00000000-0000-4000-8000-000000000008';
const CASE_2009 = '00000000-0000-4000-8000-000000000010';
const EPISODE = '00000000-0000-4000-8000-000000000009';

function entry(id: string, agencyId: string, event: string) {
  return {
    id,
    review_id: REVIEW,
    agency_id: agencyId,
    import_id: agencyId === AGENCY ? IMPORT : null,
    source_row: agencyId === AGENCY ? 2 : null,
    sequence: 'R9',
    sequence_number: 9,
    date_text: '12/03/2015',
    date_precision: 'day',
    date_qualifier: 'on',
    date_start: '2015-03-12',
    date_end: null,
    sort_key: '2015-03-12',
    range_start: '2015-03-12T00:00',
    range_end: '2015-03-12T23:59',
    time: null,
    end_date: null,
    end_time: null,
    source: 'Case note',
    practitioner: 'HV1',
    child_seen: 'yes',
    child_seen_text: 'Yes',
    event,
    action: null,
    significance: null,
    significant: 1,
    created_at: NOW,
    updated_at: NOW,
  };
}

/** What each migration's tables held in a vault written by that version. */
const seeds: Record<string, (database: Database) => void> = {
  '0001_initial': (database) => {
    execute(database, query.insertInto('vault_meta').values({ key: 'created_at', value: NOW }));
    execute(database, query.insertInto('setting').values({ key: 'reviewerName', value: '"A. Reviewer"' }));
    appendAudit(database, 'A. Reviewer', { entity: 'vault', action: 'created' }, new Date(NOW));
  },
  '0002_reviews': (database) => {
    execute(
      database,
      query.insertInto('review').values({
        id: REVIEW,
        title: 'Child H',
        type: 'cspr',
        scope_from: '2014-01-01',
        scope_to: '2016-12-31',
        terms_of_reference: 'Scope',
        lead_reviewers: '["A. Reviewer"]',
        archived_at: null,
        created_at: NOW,
        updated_at: NOW,
      }),
    );
    execute(
      database,
      query.insertInto('review_agency').values([
        { id: AGENCY, review_id: REVIEW, name: 'Health visiting', position: 0 },
        { id: OTHER_AGENCY, review_id: REVIEW, name: 'Police', position: 1 },
      ]),
    );
    execute(
      database,
      query.insertInto('review_status_step').values({
        review_id: REVIEW,
        status: 'notified',
        step_date: '2026-01-01',
        decision: null,
        rationale: null,
        criteria_answers: null,
        criteria_outcome: null,
        criteria_explanation: null,
        recorded_by: 'A. Reviewer',
        recorded_at: NOW,
      }),
    );
    execute(
      database,
      query.insertInto('person').values({
        id: PERSON,
        review_id: REVIEW,
        real_name: 'Harry Example',
        role: 'child',
        relationship: null,
        agency_id: null,
        pseudonym: 'Child H',
        notes: null,
        created_at: NOW,
        updated_at: NOW,
      }),
    );
    appendAudit(database, 'A. Reviewer', { entity: 'review', entityId: REVIEW, action: 'created' }, new Date(NOW));
  },
  '0003_cdop': (database) => {
    execute(
      database,
      query.insertInto('cdop_case').values({
        id: CASE,
        reference: 'CDOP-1',
        child_name: 'Generated child',
        nhs_number: null,
        date_of_birth: '2020-02-29',
        sex: 'female',
        ethnicity: null,
        date_of_death: '2021-03-01',
        time_of_death: null,
        place_of_death: null,
        home_postcode: null,
        expected: 'unexpected',
        joint_agency_response: 1,
        post_mortem: null,
        circumstances: null,
        form_version: 'analysis-form-2018',
        status: 'reviewed',
        category: 3,
        modifiable: 'none',
        referred_for_review: 1,
        referred_on: '2021-04-01',
        linked_review_id: REVIEW,
        date_notified: '2021-03-02',
        date_review_completed: '2021-09-01',
        created_at: NOW,
        updated_at: NOW,
      }),
    );
    const child = { case_id: CASE, created_at: NOW };
    // cdop_factor and cdop_recommendation moved to the analysis tables in 0011: raw SQL, they are outside today's schema.
    database
      .prepare(
        `INSERT INTO cdop_factor (id, case_id, domain, description, grade, modifiable, evidence, created_at)
         VALUES ('factor-1', ?, '1', 'Factor', '1', 0, NULL, ?)`,
      )
      .run(CASE, NOW);
    execute(
      database,
      query
        .insertInto('cdop_agency_report')
        .values({ ...child, id: 'report-1', agency: 'GP', requested_on: '2021-03-05', received_on: null }),
    );
    execute(database, query.insertInto('cdop_panel_meeting').values({ case_id: CASE, meeting_date: '2021-08-01' }));
    execute(database, query.insertInto('cdop_learning_point').values({ ...child, id: 'point-1', text: 'Point' }));
    database
      .prepare(
        `INSERT INTO cdop_recommendation (id, case_id, level, agency, text, created_at)
         VALUES ('rec-1', ?, 'local', 'GP', 'Recommendation', ?)`,
      )
      .run(CASE, NOW);
  },
  '0004_chronology': (database) => {
    execute(
      database,
      query.insertInto('chronology_import').values({
        id: IMPORT,
        review_id: REVIEW,
        agency_id: AGENCY,
        file_name: 'hv.csv',
        content_hash: 'a'.repeat(64),
        sheet: null,
        mode: 'all-or-nothing',
        imported_at: NOW,
        imported_by: 'A. Reviewer',
        rows_imported: 1,
        rows_rejected: 0,
      }),
    );
    execute(
      database,
      query
        .insertInto('chronology_entry')
        .values([
          entry(ENTRY, AGENCY, 'Home visit, bruise seen'),
          entry(OTHER_ENTRY, OTHER_AGENCY, 'Police called, bruise'),
        ]),
    );
    // The import's own FTS pass (db/chronology.ts): raw SQL, the FTS5 table is outside the Kysely schema.
    database.exec(
      `INSERT INTO chronology_fts (rowid, event, action, significance, source, practitioner)
       SELECT seq, event, action, significance, source, practitioner FROM chronology_entry`,
    );
    execute(database, query.insertInto('chronology_entry_tag').values({ entry_id: ENTRY, tag: 'injury' }));
    execute(database, query.insertInto('chronology_entry_person').values({ entry_id: ENTRY, person_id: PERSON }));
    execute(
      database,
      query.insertInto('chronology_duplicate').values({
        entry_id: ENTRY,
        other_id: OTHER_ENTRY,
        status: 'linked',
        score: 0.8,
        flagged_at: NOW,
        decided_at: NOW,
        decided_by: 'A. Reviewer',
      }),
    );
    execute(
      database,
      query.insertInto('chronology_mapping').values({ agency_id: AGENCY, mapping: '{"date":"Date"}', updated_at: NOW }),
    );
  },
  '0005_chronology_analysis': (database) => {
    execute(
      database,
      query.insertInto('key_practice_episode').values({
        id: EPISODE,
        review_id: REVIEW,
        title: 'March 2015',
        description: null,
        span_from: '2015-03-01',
        span_to: '2015-03-31',
        created_at: NOW,
        updated_at: NOW,
      }),
    );
    execute(database, query.insertInto('key_practice_episode_entry').values({ episode_id: EPISODE, entry_id: ENTRY }));
  },
  '0006_review_clock': (database) => {
    execute(
      database,
      query
        .updateTable('review')
        .set({ aware_on: '2021-12-24', notified_on: '2021-12-30', rapid_review_held_on: null })
        .where('id', '=', REVIEW),
    );
  },
  '0007_cdop_pathway': (database) => {
    execute(
      database,
      query
        .updateTable('cdop_agency_report')
        .set({ due_on: '2021-04-30', involvement: 'Registered' })
        .where('id', '=', 'report-1'),
    );
    execute(
      database,
      query.insertInto('cdop_agency_report_chase').values({
        id: 'chase-1',
        report_id: 'report-1',
        chased_on: '2021-04-10',
        chased_by: 'CDOP manager, by phone',
        note: null,
        created_at: NOW,
      }),
    );
    execute(
      database,
      query.insertInto('cdop_agency_report_factor').values({ report_id: 'report-1', domain: 'A', text: 'Asthma' }),
    );
    execute(
      database,
      query
        .insertInto('cdop_joint_agency_response')
        .values({ case_id: CASE, held_on: '2021-03-01', lead_professionals: null, home_visit: 1, updated_at: NOW }),
    );
    execute(
      database,
      query
        .insertInto('cdop_review_meeting')
        .values({ case_id: CASE, held_on: '2021-06-01', outcome: null, updated_at: NOW }),
    );
    execute(
      database,
      query
        .insertInto('cdop_review_meeting_attendee')
        .values({ id: 'attendee-1', case_id: CASE, role: 'GP', name: null, position: 0 }),
    );
  },
  '0008_chronology_refs': (database) => {
    execute(
      database,
      query.insertInto('chronology_entry_deleted').values({
        id: '00000000-0000-4000-8000-000000000010',
        review_id: REVIEW,
        ref: 3,
        import_id: IMPORT,
        reason: 'deleted',
        deleted_at: NOW,
        deleted_by: 'A. Reviewer',
        snapshot: JSON.stringify({ entry: { event: 'Deleted' }, agencyName: 'Health visiting', links: {} }),
      }),
    );
  },
  '0009_people_names': (database) => {
    execute(
      database,
      query
        .updateTable('person')
        .set({ also_known_as: JSON.stringify(['Hal']), nhs_number: '9434765919', postcode: 'LS1 4AB' })
        .where('id', '=', PERSON),
    );
    execute(
      database,
      query
        .insertInto('chronology_entry_person')
        .values({ entry_id: OTHER_ENTRY, person_id: PERSON, found_in_text: 1 }),
    );
    execute(
      database,
      query
        .insertInto('chronology_entry_person_removed')
        .values({ entry_id: ENTRY, person_id: PERSON, removed_at: NOW }),
    );
  },
  '0010_cdop_form_versions': (database) => {
    // A death of 2009, reviewed under Form C, with the panel's "preventable" answer of the time.
    const {
      age_band: _a,
      days_to_review: _d,
      ...pre2010
    } = database.prepare('SELECT * FROM cdop_case WHERE id = ?').get(CASE) as Record<string, unknown>;
    database
      .prepare(
        `INSERT INTO cdop_case (${Object.keys(pre2010).join(', ')}) VALUES (${Object.keys(pre2010)
          .map(() => '?')
          .join(', ')})`,
      )
      .run(
        ...Object.values({
          ...pre2010,
          id: CASE_2009,
          reference: 'CDOP-2009',
          date_of_birth: '2008-02-01',
          date_of_death: '2009-03-01',
          date_notified: '2009-03-02',
          date_review_completed: '2009-11-01',
          referred_on: null,
          linked_review_id: null,
          form_version: 'form-c',
          modifiable: null,
          preventable: 1,
        }),
      );
  },
  '0011_analysis': (database) => {
    const owned = { review_id: REVIEW, cdop_case_id: null, position: 1, created_at: NOW, updated_at: NOW };
    execute(
      database,
      query.insertInto('analysis_factor').values({
        ...owned,
        id: 'factor-2',
        description: 'Supervision did not test the plan',
        taxonomy: 'london-protocol-2004',
        level: 'team',
        domain: null,
        grade: null,
        modifiable: 1,
        agencies: '["Health visiting"]',
        note: null,
      }),
    );
    execute(
      database,
      query.insertInto('analysis_link').values({
        from_id: ENTRY,
        to_id: 'factor-2',
        from_kind: 'entry',
        to_kind: 'factor',
        review_id: REVIEW,
        cdop_case_id: null,
        created_at: NOW,
      }),
    );
    execute(database, query.updateTable('key_practice_episode').set({ went_well: '[]' }).where('id', '=', EPISODE));
    execute(
      database,
      query.insertInto('analysis_finding').values({
        ...owned,
        id: 'finding-1',
        title: 'Supervision did not test the plan',
        taxonomy: null,
        pattern: null,
        in_this_case: null,
        wider_evidence: null,
        why_it_matters: null,
        board_questions: null,
      }),
    );
    execute(
      database,
      query.insertInto('analysis_action').values({
        ...owned,
        id: 'action-1',
        text: 'Audit supervision records',
        owner_agency: 'Health visiting',
        owner_role: null,
        due_on: '2026-06-30',
        status: 'not-started',
        outcome_measure: null,
      }),
    );
    execute(
      database,
      query.insertInto('analysis_action_evidence').values({
        id: 'evidence-1',
        action_id: 'action-1',
        recorded_on: '2026-01-01',
        source: 'note',
        text: 'Audit planned',
        created_at: NOW,
      }),
    );
  },
  '0012_report_prose': (database) => {
    execute(
      database,
      query.insertInto('report_prose').values({
        review_id: REVIEW,
        section_id: 'introduction',
        prose: JSON.stringify([{ type: 'paragraph', content: [{ text: 'Why the review was held', bold: true }] }]),
        version: 1,
        updated_at: NOW,
      }),
    );
  },
  '0013_report_versions': (database) => {
    execute(
      database,
      query.insertInto('report_version').values({
        id: 'version-1',
        review_id: REVIEW,
        number: 1,
        kind: 'report',
        created_at: NOW,
        content_hash: 'c'.repeat(64),
        anonymised: 1,
        sections: JSON.stringify([{ heading: 'Introduction', text: 'Why' }]),
      }),
    );
    execute(
      database,
      query.insertInto('report_sign_off').values({
        version_id: 'version-1',
        role: 'Partnership chair',
        signed_on: '2026-01-01',
        decision: 'approved',
        conditions: null,
        created_at: NOW,
      }),
    );
  },
  '0014_analysis_diagram': (database) => {
    for (const [item_id, x] of [
      [ENTRY, 0],
      ['factor-2', 360],
    ] as const) {
      execute(
        database,
        query
          .insertInto('analysis_diagram_position')
          .values({ item_id, review_id: REVIEW, cdop_case_id: null, x, y: 48, updated_at: NOW }),
      );
    }
  },
};

/** Tables a migration moves into others (and drops): their rows are checked where they went. */
const movedBy: Record<string, string[]> = { '0011_analysis': ['cdop_factor', 'cdop_recommendation'] };

/** What must work after each migration with the rows the version before it wrote. */
const afterwards: Record<string, (database: Database) => void> = {
  '0002_reviews': (database) => {
    // A review and its audit row, chained onto the rows written before the migration.
    seeds['0002_reviews']?.(database);
    expect(verifyAuditChain(database)).toMatchObject({ ok: true, entries: 2 });
  },
  '0003_cdop': (database) => {
    seeds['0003_cdop']?.(database);
    const row = database.prepare('SELECT age_band, days_to_review FROM cdop_case WHERE id = ?').get(CASE);
    // Born 29 February 2020, died 1 March 2021: one completed year (shared/cdop/dates.ts's rule).
    expect(row).toEqual({ age_band: '1-4', days_to_review: 184 });
  },
  '0004_chronology': (database) => {
    seeds['0004_chronology']?.(database);
    const found = database
      .prepare('SELECT rowid FROM chronology_fts WHERE chronology_fts MATCH ? ORDER BY rowid')
      .all('bruise');
    expect(found).toHaveLength(2);
    // Deleting the review written before the migration takes its new chronology with it.
    database.prepare('DELETE FROM review WHERE id = ?').run(REVIEW);
    expect(database.prepare('SELECT count(*) AS n FROM chronology_entry').get()).toEqual({ n: 0 });
    expect(database.prepare("SELECT rowid FROM chronology_fts WHERE chronology_fts MATCH 'bruise'").all()).toEqual([]);
  },
  '0005_chronology_analysis': (database) => {
    seeds['0005_chronology_analysis']?.(database);
    database.prepare('DELETE FROM chronology_entry WHERE id = ?').run(ENTRY);
    expect(database.prepare('SELECT count(*) AS n FROM key_practice_episode_entry').get()).toEqual({ n: 0 });
    expect(database.prepare('SELECT count(*) AS n FROM key_practice_episode').get()).toEqual({ n: 1 });
  },
  '0006_review_clock': (database) => {
    // A review written before the migration has no clock until its dates are recorded.
    expect(
      database
        .prepare('SELECT aware_on, notified_on, rapid_review_held_on, decided_on, published_on FROM review')
        .get(),
    ).toEqual({ aware_on: null, notified_on: null, rapid_review_held_on: null, decided_on: null, published_on: null });
    seeds['0006_review_clock']?.(database);
    expect(database.prepare('SELECT aware_on, notified_on FROM review WHERE id = ?').get(REVIEW)).toEqual({
      aware_on: '2021-12-24',
      notified_on: '2021-12-30',
    });
  },
  '0007_cdop_pathway': (database) => {
    // The form asked for before the migration takes the default due date (null) until given one.
    expect(database.prepare('SELECT due_on, involvement FROM cdop_agency_report').get()).toEqual({
      due_on: null,
      involvement: null,
    });
    seeds['0007_cdop_pathway']?.(database);
    // Removing the case written before the migration takes its whole pathway with it.
    database.prepare('DELETE FROM cdop_case WHERE id = ?').run(CASE);
    for (const table of [
      'cdop_agency_report_chase',
      'cdop_agency_report_factor',
      'cdop_joint_agency_response',
      'cdop_review_meeting',
      'cdop_review_meeting_attendee',
    ]) {
      expect(database.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  },
  '0008_chronology_refs': (database) => {
    // The order key rewritten (an untimed day after the day's times), and the entries numbered
    // in the chronology's order: same day, so by the agency's place (Health visiting, then Police).
    expect(database.prepare('SELECT id, sort_key, ref FROM chronology_entry ORDER BY ref').all()).toEqual([
      { id: ENTRY, sort_key: '2015-03-12T23:59|141|', ref: 1 },
      { id: OTHER_ENTRY, sort_key: '2015-03-12T23:59|141|', ref: 2 },
    ]);
    expect(() => database.prepare('UPDATE chronology_entry SET ref = 1 WHERE id = ?').run(OTHER_ENTRY)).toThrow(
      /UNIQUE/,
    );
    expect(database.prepare('SELECT removed_at, removed_by FROM chronology_import').get()).toEqual({
      removed_at: null,
      removed_by: null,
    });
    seeds['0008_chronology_refs']?.(database);
    // Deleting the review takes its deleted entries with it.
    database.prepare('DELETE FROM review WHERE id = ?').run(REVIEW);
    expect(database.prepare('SELECT count(*) AS n FROM chronology_entry_deleted').get()).toEqual({ n: 0 });
  },
  '0009_people_names': (database) => {
    // People and links written before the migration: no other names, and every link the reviewer's.
    expect(database.prepare('SELECT also_known_as, nhs_number FROM person').get()).toEqual({
      also_known_as: '[]',
      nhs_number: null,
    });
    expect(database.prepare('SELECT found_in_text FROM chronology_entry_person').all()).toEqual([{ found_in_text: 0 }]);
    seeds['0009_people_names']?.(database);
    expect(() => database.prepare("UPDATE person SET also_known_as = 'Hal' WHERE id = ?").run(PERSON)).toThrow(
      /CHECK constraint/,
    );
    // Removing the person written before the migration takes their links and removed links with them.
    database.prepare('DELETE FROM person WHERE id = ?').run(PERSON);
    expect(database.prepare('SELECT count(*) AS n FROM chronology_entry_person').get()).toEqual({ n: 0 });
    expect(database.prepare('SELECT count(*) AS n FROM chronology_entry_person_removed').get()).toEqual({ n: 0 });
  },
  '0010_cdop_form_versions': (database) => {
    // The case written before has factors graded on its form: it keeps its version.
    expect(database.prepare('SELECT form_version, preventable FROM cdop_case WHERE id = ?').get(CASE)).toEqual({
      form_version: 'analysis-form-2018',
      preventable: null,
    });
    seeds['0010_cdop_form_versions']?.(database);
    expect(database.prepare('SELECT preventable FROM cdop_case WHERE id = ?').get(CASE_2009)).toEqual({
      preventable: 1,
    });
    // The reviews completed in a period are read from their own covering index.
    const plan = database
      .prepare(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM cdop_case INDEXED BY cdop_case_statistics_completed WHERE date_review_completed BETWEEN '2021-04-01' AND '2022-03-31'",
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/COVERING INDEX cdop_case_statistics_completed/);
  },
  '0011_analysis': (database) => {
    // The child death's factor and recommendation are now its analysis's, same ids, same words.
    expect(
      database
        .prepare('SELECT id, cdop_case_id, domain, grade, description, modifiable, note, agencies FROM analysis_factor')
        .all(),
    ).toEqual([
      {
        id: 'factor-1',
        cdop_case_id: CASE,
        domain: '1',
        grade: '1',
        description: 'Factor',
        modifiable: 0,
        note: null,
        agencies: '[]',
      },
    ]);
    expect(
      database.prepare('SELECT id, cdop_case_id, addressee, agency, level, text FROM analysis_recommendation').all(),
    ).toEqual([
      { id: 'rec-1', cdop_case_id: CASE, addressee: 'agency', agency: 'GP', level: 'local', text: 'Recommendation' },
    ]);
    expect(
      database.prepare("SELECT name FROM sqlite_master WHERE name IN ('cdop_factor', 'cdop_recommendation')").all(),
    ).toEqual([]);
    seeds['0011_analysis']?.(database);
    // Deleting the evidence removes its links (a trigger: a link cannot have a foreign key to an entry or an item).
    database.prepare('DELETE FROM chronology_entry WHERE id = ?').run(ENTRY);
    expect(database.prepare('SELECT count(*) AS n FROM analysis_link').get()).toEqual({ n: 0 });
    // Deleting the case takes its analysis with it.
    database.prepare('DELETE FROM cdop_case WHERE id = ?').run(CASE);
    expect(database.prepare('SELECT count(*) AS n FROM analysis_recommendation').get()).toEqual({ n: 0 });
  },
  '0012_report_prose': (database) => {
    seeds['0012_report_prose']?.(database);
    // Only a JSON array is stored as prose.
    expect(() =>
      database
        .prepare('INSERT INTO report_prose VALUES (?, \'methodology\', \'{"type": "paragraph"}\', 1, ?)')
        .run(REVIEW, NOW),
    ).toThrow(/CHECK constraint failed/);
    // Deleting the review written before the migration takes its prose with it.
    database.prepare('DELETE FROM review WHERE id = ?').run(REVIEW);
    expect(database.prepare('SELECT count(*) AS n FROM report_prose').get()).toEqual({ n: 0 });
  },
  '0013_report_versions': (database) => {
    seeds['0013_report_versions']?.(database);
    // A version and its sign-off are never edited; a sign-off goes with its version.
    expect(() => database.prepare('UPDATE report_version SET number = 2').run()).toThrow(/never changed/);
    expect(() => database.prepare("UPDATE report_sign_off SET decision = 'changes-requested'").run()).toThrow(
      /never changed/,
    );
    database.prepare('DELETE FROM report_version').run();
    expect(database.prepare('SELECT count(*) AS n FROM report_sign_off').get()).toEqual({ n: 0 });
  },
  '0014_analysis_diagram': (database) => {
    seeds['0014_analysis_diagram']?.(database);
    const placed = () =>
      (
        database.prepare('SELECT item_id FROM analysis_diagram_position ORDER BY item_id').all() as {
          item_id: string;
        }[]
      ).map((row) => row.item_id);
    expect(placed()).toEqual([ENTRY, 'factor-2'].sort());
    // An item deleted takes its place on the diagram with it, whether an analysis item or a chronology entry.
    database.prepare('DELETE FROM analysis_factor WHERE id = ?').run('factor-2');
    expect(placed()).toEqual([ENTRY]);
    database.prepare('DELETE FROM chronology_entry WHERE id = ?').run(ENTRY);
    expect(placed()).toEqual([]);
  },
};

/** Columns a migration recomputes on purpose: left out of the rows-unchanged check, checked in its own. */
const rewritten: Record<string, Record<string, string[]>> = {
  '0008_chronology_refs': { chronology_entry: ['sort_key'] },
};

/** Every row of every ordinary table (FTS5's own tables are checked through MATCH instead). */
function snapshot(database: Database): Record<string, unknown[]> {
  const tables = database
    .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables
      .filter(({ name }) => name !== 'schema_migration')
      .map(({ name }) => [name, database.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]),
  );
}

describe('each migration, from a vault written by the version before it', () => {
  it('has data and a check for every migration, so a new one cannot be added untested', () => {
    const names = migrations.map((migration) => migration.name);
    expect(Object.keys(seeds)).toEqual(names);
    expect(Object.keys(afterwards)).toEqual(names.slice(1));
  });

  for (const [index, migration] of migrations.entries()) {
    const before = migrations[index - 1];
    if (!before) continue;
    it(`${migration.name}: the rows written before it are all there, whole, and work with its tables`, () => {
      const database = vaultWithRowsBefore(index);
      const written = snapshot(database);
      expect(
        Object.entries(written)
          .filter(([, rows]) => rows.length === 0)
          .map(([table]) => table),
      ).toEqual([]);

      expect(migrate(database, undefined, { until: migration.name }).applied).toEqual([migration.name]);
      const after = snapshot(database);
      // Columns a migration adds to an existing table are compared in its own check below.
      for (const [table, rows] of Object.entries(written)) {
        if (movedBy[migration.name]?.includes(table)) continue;
        const recomputed = rewritten[migration.name]?.[table] ?? [];
        const columnsBefore = Object.keys((rows[0] ?? {}) as object).filter((column) => !recomputed.includes(column));
        const afterRows = (after[table] ?? []).map((row) =>
          Object.fromEntries(columnsBefore.map((column) => [column, (row as Record<string, unknown>)[column]])),
        );
        const rowsBefore = rows.map((row) =>
          Object.fromEntries(columnsBefore.map((column) => [column, (row as Record<string, unknown>)[column]])),
        );
        expect(afterRows, table).toEqual(rowsBefore);
      }
      expect(database.pragma('foreign_key_check')).toEqual([]);
      expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(verifyAuditChain(database).ok).toBe(true);
      afterwards[migration.name]?.(database);
    });
  }

  it('0010 gives each case with no factors the form version its dates imply, and renames Form C', () => {
    const index = migrations.findIndex((migration) => migration.name === '0010_cdop_form_versions');
    const database = vaultWithRowsBefore(index);
    const copy = database.prepare(
      `INSERT INTO cdop_case (id, reference, child_name, date_of_birth, sex, date_of_death, form_version, status,
         date_notified, date_review_completed, created_at, updated_at)
       VALUES (?, ?, 'Generated child', '2005-01-01', 'male', ?, ?, 'notified', ?, ?, '${NOW}', '${NOW}')`,
    );
    // [reference, death, review completed, version stamped before]
    const cases = [
      ['OLD-1', '2009-01-10', null, 'analysis-form-2018'],
      ['OLD-2', '2018-06-01', '2019-10-01', 'analysis-form-2018'],
      ['OLD-3', '2018-06-01', '2022-01-10', 'analysis-form-2018'],
      ['OLD-4', '2015-06-01', null, 'form-c-2010'],
    ] as const;
    cases.forEach(([reference, death, reviewed, version], i) => {
      copy.run(`00000000-0000-4000-8000-1000000000${i}0`, reference, death, version, death, reviewed);
    });
    migrate(database, undefined, { until: '0010_cdop_form_versions' });
    const versions = database
      .prepare("SELECT reference, form_version FROM cdop_case WHERE reference LIKE 'OLD-%' ORDER BY reference")
      .all();
    expect(versions).toEqual([
      { reference: 'OLD-1', form_version: 'form-c' },
      { reference: 'OLD-2', form_version: 'analysis-form-2018' },
      { reference: 'OLD-3', form_version: 'analysis-form-2021' },
      { reference: 'OLD-4', form_version: 'form-c' },
    ]);
  });

  it('stops where it is told, and carries on from there', () => {
    const database = vaultAt('0002_reviews');
    const names = () =>
      (database.prepare('SELECT name FROM schema_migration ORDER BY name').all() as { name: string }[]).map(
        (row) => row.name,
      );
    expect(names()).toEqual(['0001_initial', '0002_reviews']);
    expect(migrate(database).applied).toEqual(migrations.slice(2).map((migration) => migration.name));
    expect(names()).toEqual(migrations.map((migration) => migration.name));
  });
});
