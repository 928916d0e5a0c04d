import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CdopPathway, CdopWorkList, cdopPathwayChannels } from '../shared/api/channels/cdop-pathway.js';
import { CasebookError } from '../shared/api/errors.js';
import type { CaseStatus, Expectedness } from '../shared/cdop/case.js';
import { type FormVersion, getForm } from '../shared/cdop/forms/index.js';
import {
  formStatus,
  jointAgencyResponseProblem,
  type PathwaySettings,
  selectWorkList,
  stepDateProblem,
} from '../shared/cdop/pathway.js';
import { agencyReportRows, ownerOf, panelPack, requireCaseRow, touchCase } from './cdop-cases.js';
import { all, type Database, first, query, run } from './query.js';
import { readSettings } from './settings.js';
import type { VaultWriter } from './vault.js';

/**
 * The child death review pathway (migration 0007): agency reporting forms' due
 * dates, chases and content, the Joint Agency Response, the Child Death Review
 * Meeting, and the work list. Every change goes through `vault.write`, so it
 * commits with its audit row; audit details hold ids and field names, never what
 * an agency wrote.
 */

type Input<C extends keyof typeof cdopPathwayChannels> = z.output<(typeof cdopPathwayChannels)[C]['input']>;

const today = (now: Date): string => now.toISOString().slice(0, 10);

function invalid(path: string, message: string): CasebookError {
  return new CasebookError('invalid_payload', message, [{ path, message }]);
}

function pathwaySettings(database: Database): PathwaySettings {
  // The actor name is not needed here; readSettings wants a fallback for it.
  const settings = readSettings(database, '');
  return { formDueDays: settings.cdopFormDueDays, openCaseDays: settings.cdopOpenCaseDays };
}

// ---- reading -------------------------------------------------------------------------

export function getPathway(database: Database, caseId: string, now: Date = new Date()): CdopPathway {
  const facts = requireCaseRow(database, caseId);
  const { formDueDays } = pathwaySettings(database);
  const day = today(now);
  const domainOrder = getForm(facts.form_version as FormVersion).domains.map((domain) => domain.code);
  const reports = agencyReportRows(database, [caseId]);
  const ids = reports.map((report) => report.id);
  const chases = ids.length
    ? all(
        database,
        query
          .selectFrom('cdop_agency_report_chase')
          .selectAll()
          .where('report_id', 'in', ids)
          .orderBy('chased_on')
          .orderBy('created_at'),
      )
    : [];
  const factors = ids.length
    ? all(database, query.selectFrom('cdop_agency_report_factor').selectAll().where('report_id', 'in', ids))
    : [];
  const jar = first(database, query.selectFrom('cdop_joint_agency_response').selectAll().where('case_id', '=', caseId));
  const meeting = first(database, query.selectFrom('cdop_review_meeting').selectAll().where('case_id', '=', caseId));
  const attendees = meeting
    ? all(
        database,
        query
          .selectFrom('cdop_review_meeting_attendee')
          .select(['role', 'name'])
          .where('case_id', '=', caseId)
          .orderBy('position'),
      )
    : [];
  const expected = facts.expected as Expectedness | null;
  return {
    caseId,
    reference: facts.reference,
    formVersion: facts.form_version as FormVersion,
    expected,
    dateOfDeath: facts.date_of_death,
    today: day,
    formDueDays,
    agencyForms: reports.map((report) => {
      const status = formStatus(
        { requestedOn: report.requested_on, dueOn: report.due_on, receivedOn: report.received_on },
        day,
        formDueDays,
      );
      return {
        id: report.id,
        agency: report.agency,
        requestedOn: report.requested_on,
        dueOn: report.due_on,
        due: status.due,
        receivedOn: report.received_on,
        overdue: status.overdue,
        daysOverdue: status.daysOverdue,
        involvement: report.involvement,
        factors: factors
          .filter((factor) => factor.report_id === report.id)
          .sort((a, b) => domainOrder.indexOf(a.domain) - domainOrder.indexOf(b.domain))
          .map(({ domain, text }) => ({ domain, text })),
        chases: chases
          .filter((chase) => chase.report_id === report.id)
          .map((chase) => ({ id: chase.id, chasedOn: chase.chased_on, chasedBy: chase.chased_by, note: chase.note })),
      };
    }),
    jointAgencyResponse: jar
      ? {
          heldOn: jar.held_on,
          leadProfessionals: jar.lead_professionals,
          homeVisit: jar.home_visit === null ? null : jar.home_visit === 1,
        }
      : null,
    jointAgencyResponseProblem: jointAgencyResponseProblem(expected),
    reviewMeeting: meeting ? { heldOn: meeting.held_on, attendees, outcome: meeting.outcome } : null,
  };
}

export function workList(database: Database, now: Date = new Date()): CdopWorkList {
  const day = today(now);
  const settings = pathwaySettings(database);
  const cases = all(
    database,
    query
      .selectFrom('cdop_case')
      .select(['id', 'reference', 'child_name', 'status', 'date_notified'])
      .where('status', 'not in', ['reviewed', 'closed']),
  ).map((row) => ({
    id: row.id,
    reference: row.reference,
    childName: row.child_name,
    status: row.status as CaseStatus,
    dateNotified: row.date_notified,
  }));
  const forms = all(
    database,
    query
      .selectFrom('cdop_agency_report')
      .innerJoin('cdop_case', 'cdop_case.id', 'cdop_agency_report.case_id')
      .select([
        'cdop_agency_report.id',
        'cdop_agency_report.case_id',
        'cdop_agency_report.agency',
        'cdop_agency_report.requested_on',
        'cdop_agency_report.due_on',
        'cdop_agency_report.received_on',
      ])
      .where('cdop_agency_report.received_on', 'is', null)
      .where('cdop_case.status', 'not in', ['reviewed', 'closed'])
      .orderBy('cdop_agency_report.agency'),
  ).map((row) => ({
    id: row.id,
    caseId: row.case_id,
    agency: row.agency,
    requestedOn: row.requested_on,
    dueOn: row.due_on,
    receivedOn: row.received_on,
  }));
  const next = first(
    database,
    query
      .selectFrom('cdop_panel_meeting')
      .select((eb) => eb.fn.min('meeting_date').as('date'))
      .where('meeting_date', '>=', day),
  );
  return {
    ...selectWorkList(cases, forms, day, settings),
    nextPanel: next?.date ? panelPack(database, next.date) : null,
  };
}

// ---- agency forms ---------------------------------------------------------------------

export function updateAgencyForm(
  vault: VaultWriter,
  input: Input<'cdop.agencyForm.update'>,
  now: Date = new Date(),
): CdopPathway {
  const caseId = ownerOf(vault.database, 'cdop_agency_report', input.id, 'agency report');
  const facts = requireCaseRow(vault.database, caseId);
  const report = first(
    vault.database,
    query.selectFrom('cdop_agency_report').select('requested_on').where('id', '=', input.id),
  );
  if (input.dueOn && report && input.dueOn < report.requested_on) {
    throw invalid('dueOn', 'The due date is before the date the form was requested');
  }
  const domains = getForm(facts.form_version as FormVersion).domains.map((domain) => domain.code);
  const factors = (input.factors ?? []).filter((factor) => factor.text !== '');
  for (const [at, factor] of factors.entries()) {
    if (!domains.includes(factor.domain)) {
      throw invalid(
        `factors.${at}.domain`,
        `Domain ${factor.domain} is not on this case's form (${domains.join(', ')})`,
      );
    }
  }
  if (new Set(factors.map((factor) => factor.domain)).size !== factors.length) {
    throw invalid('factors', 'Give each domain once');
  }
  const fields = [
    ...(input.dueOn !== undefined ? ['dueOn'] : []),
    ...(input.involvement !== undefined ? ['involvement'] : []),
    ...(input.factors !== undefined ? ['factors'] : []),
  ];
  vault.write(
    { entity: 'cdop_agency_report', entityId: input.id, action: 'form updated', detail: { caseId, fields } },
    () => {
      const changes = {
        ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
        ...(input.involvement !== undefined ? { involvement: input.involvement } : {}),
      };
      if (Object.keys(changes).length > 0) {
        run(vault.database, query.updateTable('cdop_agency_report').set(changes).where('id', '=', input.id));
      }
      if (input.factors !== undefined) {
        run(vault.database, query.deleteFrom('cdop_agency_report_factor').where('report_id', '=', input.id));
        if (factors.length > 0) {
          run(
            vault.database,
            query
              .insertInto('cdop_agency_report_factor')
              .values(factors.map((factor) => ({ report_id: input.id, domain: factor.domain, text: factor.text }))),
          );
        }
      }
      touchCase(vault.database, caseId, now);
    },
  );
  return getPathway(vault.database, caseId, now);
}

export function chaseAgencyForm(
  vault: VaultWriter,
  input: Input<'cdop.agencyForm.chase'>,
  now: Date = new Date(),
): CdopPathway {
  const caseId = ownerOf(vault.database, 'cdop_agency_report', input.reportId, 'agency report');
  const report = first(
    vault.database,
    query.selectFrom('cdop_agency_report').select('requested_on').where('id', '=', input.reportId),
  );
  if (report && input.chasedOn < report.requested_on) {
    throw invalid('chasedOn', 'The chase is dated before the form was requested');
  }
  const id = randomUUID();
  vault.write(
    { entity: 'cdop_agency_report_chase', entityId: id, action: 'added', detail: { caseId, reportId: input.reportId } },
    () => {
      run(
        vault.database,
        query.insertInto('cdop_agency_report_chase').values({
          id,
          report_id: input.reportId,
          chased_on: input.chasedOn,
          chased_by: input.chasedBy,
          note: input.note,
          created_at: now.toISOString(),
        }),
      );
      touchCase(vault.database, caseId, now);
    },
  );
  return getPathway(vault.database, caseId, now);
}

export function removeChase(vault: VaultWriter, id: string, now: Date = new Date()): CdopPathway {
  const chase = first(
    vault.database,
    query
      .selectFrom('cdop_agency_report_chase')
      .innerJoin('cdop_agency_report', 'cdop_agency_report.id', 'cdop_agency_report_chase.report_id')
      .select('cdop_agency_report.case_id')
      .where('cdop_agency_report_chase.id', '=', id),
  );
  if (!chase) throw new CasebookError('not_found', 'That chase is not in this vault.');
  vault.write(
    { entity: 'cdop_agency_report_chase', entityId: id, action: 'removed', detail: { caseId: chase.case_id } },
    () => {
      run(vault.database, query.deleteFrom('cdop_agency_report_chase').where('id', '=', id));
      touchCase(vault.database, chase.case_id, now);
    },
  );
  return getPathway(vault.database, chase.case_id, now);
}

// ---- Joint Agency Response and review meeting -------------------------------------------

export function setJointAgencyResponse(
  vault: VaultWriter,
  input: Input<'cdop.jointAgencyResponse.set'>,
  now: Date = new Date(),
): CdopPathway {
  const facts = requireCaseRow(vault.database, input.caseId);
  const refused = jointAgencyResponseProblem(facts.expected as Expectedness | null);
  if (refused) throw new CasebookError('conflict', refused);
  const early = stepDateProblem('The Joint Agency Response', input.heldOn, facts.date_of_death);
  if (early) throw invalid('heldOn', early);
  const values = {
    held_on: input.heldOn,
    lead_professionals: input.leadProfessionals,
    home_visit: input.homeVisit === null ? null : input.homeVisit ? 1 : 0,
    updated_at: now.toISOString(),
  };
  vault.write({ entity: 'cdop_joint_agency_response', entityId: input.caseId, action: 'recorded' }, () => {
    run(
      vault.database,
      query
        .insertInto('cdop_joint_agency_response')
        .values({ case_id: input.caseId, ...values })
        .onConflict((conflict) => conflict.column('case_id').doUpdateSet(values)),
    );
    touchCase(vault.database, input.caseId, now);
  });
  return getPathway(vault.database, input.caseId, now);
}

export function removeJointAgencyResponse(vault: VaultWriter, caseId: string, now: Date = new Date()): CdopPathway {
  requireCaseRow(vault.database, caseId);
  vault.write({ entity: 'cdop_joint_agency_response', entityId: caseId, action: 'removed' }, () => {
    run(vault.database, query.deleteFrom('cdop_joint_agency_response').where('case_id', '=', caseId));
    touchCase(vault.database, caseId, now);
  });
  return getPathway(vault.database, caseId, now);
}

export function setReviewMeeting(
  vault: VaultWriter,
  input: Input<'cdop.reviewMeeting.set'>,
  now: Date = new Date(),
): CdopPathway {
  const facts = requireCaseRow(vault.database, input.caseId);
  const early = stepDateProblem('The review meeting', input.heldOn, facts.date_of_death);
  if (early) throw invalid('heldOn', early);
  const values = { held_on: input.heldOn, outcome: input.outcome, updated_at: now.toISOString() };
  vault.write(
    {
      entity: 'cdop_review_meeting',
      entityId: input.caseId,
      action: 'recorded',
      detail: { attendees: input.attendees.length },
    },
    () => {
      run(
        vault.database,
        query
          .insertInto('cdop_review_meeting')
          .values({ case_id: input.caseId, ...values })
          .onConflict((conflict) => conflict.column('case_id').doUpdateSet(values)),
      );
      run(vault.database, query.deleteFrom('cdop_review_meeting_attendee').where('case_id', '=', input.caseId));
      if (input.attendees.length > 0) {
        run(
          vault.database,
          query.insertInto('cdop_review_meeting_attendee').values(
            input.attendees.map((attendee, position) => ({
              id: randomUUID(),
              case_id: input.caseId,
              role: attendee.role,
              name: attendee.name,
              position,
            })),
          ),
        );
      }
      touchCase(vault.database, input.caseId, now);
    },
  );
  return getPathway(vault.database, input.caseId, now);
}

export function removeReviewMeeting(vault: VaultWriter, caseId: string, now: Date = new Date()): CdopPathway {
  requireCaseRow(vault.database, caseId);
  vault.write({ entity: 'cdop_review_meeting', entityId: caseId, action: 'removed' }, () => {
    run(vault.database, query.deleteFrom('cdop_review_meeting').where('case_id', '=', caseId));
    touchCase(vault.database, caseId, now);
  });
  return getPathway(vault.database, caseId, now);
}
