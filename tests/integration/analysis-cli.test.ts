import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCasebookApp } from '../../electron/app.js';
import type { Analysis } from '../../shared/analysis/model.js';
import { todayIso } from '../../shared/dates/iso-date.js';
import { answer } from '../support/api.js';
import { CLI, ROOT } from '../support/build.js';
import { chronologyImportArgs, closedVault, countsIn } from '../support/cli.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/**
 * Each CLI process unlocks its vault, so these take a while on a busy machine.
 * `casebook analysis export | import | check` and `casebook action list` as real
 * processes on real vaults: an analysis moved to a second vault keeps its chain.
 */

const tempDirectory = tempDirectoryFactory();
const HEALTH_VISITING = join(ROOT, 'tests', 'fixtures', 'import', 'health-visiting-excel-utf8.csv');

function casebook(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE, CASEBOOK_RECOVERY_KEY: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(result: ReturnType<typeof casebook>): T {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** A closed vault with a review and the health visiting chronology, made by the CLI. */
async function vaultWithChronology(name: string) {
  const vault = await closedVault(tempDirectory(), name);
  const { id: reviewId } = json<{ id: string }>(
    casebook(['--vault', vault, 'review', 'create', '--title', 'Child H', '--type', 'cspr', '--json']),
  );
  const imported = casebook([...chronologyImportArgs(vault, reviewId), HEALTH_VISITING, '--skip-invalid', '--json']);
  expect(imported.code).toBe(0);
  return { vault, reviewId };
}

/** The chain with every id replaced by the item's text, so two vaults' chains can be compared. */
function chainOf(exported: Omit<Analysis, 'owner'>): string[] {
  const names = new Map<string, string>();
  for (const entry of exported.entries) names.set(entry.id, `entry ${entry.agency} ${entry.date} ${entry.event}`);
  for (const episode of exported.episodes) names.set(episode.id, `episode ${episode.title}`);
  for (const factor of exported.factors) names.set(factor.id, `factor ${factor.description} ${factor.level}`);
  for (const finding of exported.findings) names.set(finding.id, `finding ${finding.title} ${finding.pattern}`);
  for (const recommendation of exported.recommendations)
    names.set(recommendation.id, `recommendation ${recommendation.text}`);
  for (const action of exported.actions) {
    names.set(
      action.id,
      `action ${action.text} ${action.ownerAgency} ${action.dueOn} ${action.status} ${action.evidence.length}`,
    );
  }
  return [
    ...exported.links.map((link) => `${names.get(link.from)} -> ${names.get(link.to)}`),
    ...exported.episodes.map(
      (episode) => `${names.get(episode.id)}: ${episode.entryIds.map((id) => names.get(id)).join(' | ')}`,
    ),
  ].sort();
}

describe('casebook analysis and action commands', () => {
  it('export, import into a second vault, export: the same chain; check and action list read it', async () => {
    const first = await vaultWithChronology('first.vault');
    // Built in the app, as a reviewer would.
    const app = createCasebookApp(first.vault, { scrypt: FAST_SCRYPT });
    try {
      await answer(app, 'vault.unlock', { passphrase: PASSPHRASE });
      const { entries } = await answer(app, 'chronology.list', { reviewId: first.reviewId });
      const [evidence, other] = entries;
      if (!evidence || !other) throw new Error('the fixture has too few entries');
      const owner = { kind: 'review' as const, id: first.reviewId };
      const episode = await answer(app, 'episodes.create', {
        reviewId: first.reviewId,
        title: 'First weeks',
        entryIds: [other.id],
      });
      await answer(app, 'analysis.episode.update', {
        id: episode.id,
        wentLessWell: [{ type: 'paragraph', content: [{ text: 'No follow-up visit.' }] }],
      });
      let analysis = await answer(app, 'analysis.factor.create', {
        owner,
        description: 'Caseload',
        level: 'organisation',
        modifiable: true,
      });
      const factor = analysis.factors[0]?.id ?? '';
      analysis = await answer(app, 'analysis.finding.create', {
        owner,
        title: 'Visits slip under pressure',
        pattern: 'human-management',
      });
      const finding = analysis.findings[0]?.id ?? '';
      analysis = await answer(app, 'analysis.recommendation.create', {
        owner,
        text: 'Review caseloads',
        addressee: 'agency',
        agency: 'Health visiting',
      });
      const recommendation = analysis.recommendations[0]?.id ?? '';
      analysis = await answer(app, 'analysis.action.create', {
        owner,
        recommendationId: recommendation,
        text: 'Caseload audit',
        ownerAgency: 'Health visiting',
        dueOn: '2020-01-31',
        outcomeMeasure: 'Caseloads under 400',
      });
      await answer(app, 'analysis.action.addEvidence', {
        actionId: analysis.actions[0]?.id,
        recordedOn: '2020-02-01',
        source: 'inspection',
        text: 'Inspection noted caseloads',
      });
      await answer(app, 'analysis.link', { from: evidence.id, to: factor });
      await answer(app, 'analysis.link', { from: episode.id, to: factor });
      await answer(app, 'analysis.link', { from: factor, to: finding });
      await answer(app, 'analysis.link', { from: finding, to: recommendation });
    } finally {
      app.close();
    }

    const exported = json<Omit<Analysis, 'owner'>>(
      casebook(['--vault', first.vault, 'analysis', 'export', '--review', first.reviewId, '--json']),
    );
    expect(Object.keys(exported)).toEqual([
      'episodes',
      'factors',
      'findings',
      'recommendations',
      'actions',
      'links',
      'entries',
    ]);
    expect(exported.links).toHaveLength(5);
    const file = join(tempDirectory(), 'analysis.json');
    writeFileSync(file, JSON.stringify(exported));

    const second = await vaultWithChronology('second.vault');
    const imported = json<Omit<Analysis, 'owner'>>(
      casebook(['--vault', second.vault, 'analysis', 'import', '--review', second.reviewId, file, '--json']),
    );
    const again = json<Omit<Analysis, 'owner'>>(
      casebook(['--vault', second.vault, 'analysis', 'export', '--review', second.reviewId, '--json']),
    );
    expect(again).toEqual(imported);
    // New ids, the same chain down to the entries (found again by agency, date and event).
    expect(again.factors[0]?.id).not.toBe(exported.factors[0]?.id);
    expect(again.entries.map((entry) => entry.id)).not.toEqual(exported.entries.map((entry) => entry.id));
    expect(chainOf(again)).toEqual(chainOf(exported));
    expect(again.episodes[0]?.wentLessWell).toEqual(exported.episodes[0]?.wentLessWell);

    // The check: exit 0 with no problems as with some.
    expect(
      json(casebook(['--vault', second.vault, 'analysis', 'check', '--review', second.reviewId, '--json'])),
    ).toEqual([]);

    // Overdue by date: due 31 January 2020, not done.
    const overdue = json<{ text: string; overdue: boolean }[]>(
      casebook(['--vault', second.vault, 'action', 'list', '--overdue', '--agency', 'Health visiting', '--json']),
    );
    expect(overdue.map((action) => [action.text, action.overdue])).toEqual([['Caseload audit', true]]);
    expect(json(casebook(['--vault', second.vault, 'action', 'list', '--agency', 'Police', '--json']))).toEqual([]);
    expect(todayIso() > '2020-01-31').toBe(true);
  }, 120_000);

  it('import refuses a wrong file whole, every problem listed, and writes nothing; check lists gaps and exits 0', async () => {
    const { vault, reviewId } = await vaultWithChronology('case.vault');
    const file = join(tempDirectory(), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        factors: [{ id: 'f', description: 'Fine', level: 'team', modifiable: true }],
        findings: [{ id: 'g', title: 'No evidence' }],
        recommendations: [{ id: 'r', text: 'To nobody', addressee: 'agency' }],
        actions: [{ id: 'a', text: 'Do it' }],
        links: [
          { from: 'a', to: 'f' },
          { from: 'f', to: 'g' },
        ],
      }),
    );
    const counts = {
      factors: 'SELECT count(*) AS n FROM analysis_factor',
      links: 'SELECT count(*) AS n FROM analysis_link',
    };
    const refused = casebook(['--vault', vault, 'analysis', 'import', '--review', reviewId, file, '--json']);
    expect(refused.code).toBe(2);
    const { error } = JSON.parse(refused.stdout) as { error: { code: string; issues: { message: string }[] } };
    expect(error.code).toBe('invalid_payload');
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'Name the agency the recommendation is for',
      'A action cannot be linked to a factor',
    ]);
    expect(await countsIn(vault, counts)).toEqual({ factors: 0, links: 0 });

    const plain = casebook(['--vault', vault, 'analysis', 'import', '--review', reviewId, file]);
    expect(plain.stderr).toMatch(
      /recommendations\.0\.agency: Name the agency[\s\S]*links\.0: A action cannot be linked/,
    );

    writeFileSync(
      file,
      JSON.stringify({ findings: [{ id: 'g', title: 'No evidence' }], actions: [{ id: 'a', text: 'Do it' }] }),
    );
    const analysis = json<Omit<Analysis, 'owner'>>(
      casebook(['--vault', vault, 'analysis', 'import', '--review', reviewId, file, '--json']),
    );
    const check = casebook(['--vault', vault, 'analysis', 'check', '--review', reviewId, '--json']);
    const action = analysis.actions[0]?.id;
    expect(json(check)).toEqual([
      { kind: 'finding-without-evidence', id: analysis.findings[0]?.id, title: 'No evidence' },
      { kind: 'action-without-owner', id: action, title: 'Do it' },
      { kind: 'action-without-date', id: action, title: 'Do it' },
      { kind: 'action-without-outcome-measure', id: action, title: 'Do it' },
    ]);
    const notJson = casebook(['--vault', vault, 'analysis', 'check', '--review', reviewId]);
    expect(notJson.code).toBe(0);
    expect(notJson.stdout).toMatch(/^Finding without evidence: No evidence/);
    expect(casebook(['--vault', vault, 'analysis', 'check', '--json']).stderr).toMatch(
      /missing --review or --cdop-case/,
    );
  }, 120_000);
});
