import { randomUUID } from 'node:crypto';
import { CasebookError } from '../shared/api/errors.js';
import {
  type ReportKind,
  type ReportVersion,
  type SignOffDecision,
  sectionChanges,
  type VersionSection,
} from '../shared/reports/versions.js';
import { all, type Database, first, query, run } from './query.js';
import { requireReview } from './reviews.js';
import type { VaultWriter } from './vault.js';

/**
 * The versions of a review's Word documents and the board's sign-off (migration
 * 0013). A version is written in the same audited transaction as the export that
 * made it; a sign-off locks its version (one per version, never edited).
 */

export interface NewVersion {
  reviewId: string;
  kind: ReportKind;
  contentHash: string;
  anonymised: boolean;
  sections: VersionSection[];
}

/** The number the next export of the review gets. */
export function nextVersionNumber(database: Database, reviewId: string): number {
  const row = first(
    database,
    query
      .selectFrom('report_version')
      .select((eb) => eb.fn.max('number').as('latest'))
      .where('review_id', '=', reviewId),
  );
  return (row?.latest ?? 0) + 1;
}

/** An approved version with exactly this content: the document is then final. */
export function approvedVersionWith(
  database: Database,
  reviewId: string,
  kind: ReportKind,
  contentHash: string,
): number | null {
  const row = first(
    database,
    query
      .selectFrom('report_version')
      .innerJoin('report_sign_off', 'report_sign_off.version_id', 'report_version.id')
      .select('report_version.number')
      .where('report_version.review_id', '=', reviewId)
      .where('report_version.kind', '=', kind)
      .where('report_version.content_hash', '=', contentHash)
      .where('report_sign_off.decision', '=', 'approved')
      .orderBy('report_version.number', 'desc'),
  );
  return row?.number ?? null;
}

/** Inside the export's audited write. */
export function insertVersion(database: Database, version: NewVersion, number: number, now: Date): void {
  run(
    database,
    query.insertInto('report_version').values({
      id: randomUUID(),
      review_id: version.reviewId,
      number,
      kind: version.kind,
      created_at: now.toISOString(),
      content_hash: version.contentHash,
      anonymised: version.anonymised ? 1 : 0,
      sections: JSON.stringify(version.sections),
    }),
  );
}

export function listVersions(database: Database, reviewId: string): ReportVersion[] {
  requireReview(database, reviewId);
  const rows = all(
    database,
    query
      .selectFrom('report_version')
      .leftJoin('report_sign_off', 'report_sign_off.version_id', 'report_version.id')
      .select([
        'report_version.number',
        'report_version.kind',
        'report_version.created_at',
        'report_version.content_hash',
        'report_version.anonymised',
        'report_version.sections',
        'report_sign_off.role',
        'report_sign_off.signed_on',
        'report_sign_off.decision',
        'report_sign_off.conditions',
      ])
      .where('report_version.review_id', '=', reviewId)
      .orderBy('report_version.number'),
  );
  const previousOfKind = new Map<string, VersionSection[]>();
  return rows.map((row) => {
    const sections = JSON.parse(row.sections) as VersionSection[];
    const before = previousOfKind.get(row.kind);
    previousOfKind.set(row.kind, sections);
    return {
      number: row.number,
      kind: row.kind as ReportKind,
      createdAt: row.created_at,
      contentHash: row.content_hash,
      anonymised: row.anonymised === 1,
      signOff:
        row.role && row.signed_on && row.decision
          ? {
              role: row.role,
              signedOn: row.signed_on,
              decision: row.decision as SignOffDecision,
              conditions: row.conditions,
            }
          : null,
      changedSincePrevious: before ? sectionChanges(before, sections) : [],
    };
  });
}

/** The two versions' sections compared, for the version list's "what changed". */
export function compareVersions(database: Database, reviewId: string, from: number, to: number) {
  const sectionsOf = (number: number): VersionSection[] => {
    const row = first(
      database,
      query
        .selectFrom('report_version')
        .select('sections')
        .where('review_id', '=', reviewId)
        .where('number', '=', number),
    );
    if (!row) throw new CasebookError('not_found', `This review has no version ${number}`);
    return JSON.parse(row.sections) as VersionSection[];
  };
  return sectionChanges(sectionsOf(from), sectionsOf(to));
}

export interface SignOffInput {
  reviewId: string;
  version: number;
  role: string;
  decision: SignOffDecision;
  conditions: string | null;
  signedOn: string;
}

export function signOffVersion(vault: VaultWriter, input: SignOffInput): ReportVersion {
  vault.write(
    {
      entity: 'review',
      entityId: input.reviewId,
      action: 'report signed off',
      detail: { version: input.version, decision: input.decision },
    },
    () => {
      const { database } = vault;
      requireReview(database, input.reviewId);
      const version = first(
        database,
        query
          .selectFrom('report_version')
          .leftJoin('report_sign_off', 'report_sign_off.version_id', 'report_version.id')
          .select(['report_version.id', 'report_sign_off.decision'])
          .where('report_version.review_id', '=', input.reviewId)
          .where('report_version.number', '=', input.version),
      );
      if (!version) throw new CasebookError('not_found', `This review has no version ${input.version}`);
      if (version.decision) {
        throw new CasebookError(
          'conflict',
          `Version ${input.version} is already signed off (${version.decision}); export again to make a new version`,
        );
      }
      run(
        database,
        query.insertInto('report_sign_off').values({
          version_id: version.id,
          role: input.role,
          signed_on: input.signedOn,
          decision: input.decision,
          conditions: input.conditions,
          created_at: new Date().toISOString(),
        }),
      );
    },
  );
  const signed = listVersions(vault.database, input.reviewId).find((version) => version.number === input.version);
  if (!signed) throw new CasebookError('not_found', `This review has no version ${input.version}`);
  return signed;
}
