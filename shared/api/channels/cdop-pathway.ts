import { z } from 'zod';
import type { Expectedness } from '../../cdop/case.js';
import type { FormVersion } from '../../cdop/forms/index.js';
import type { PathwaySettings } from '../../cdop/pathway.js';
import { channel } from '../channel.js';
import { byId, id, isoDate, optionalText, requiredText } from '../fields.js';
import type { CdopCaseSummary, CdopPanelPack } from './cdop.js';

/**
 * The 2018 child death review pathway between notification and the panel: the
 * agencies' reporting forms (due dates, chases, what each form says), the Joint
 * Agency Response, the Child Death Review Meeting, and the work list. Forms are
 * asked for and received on `cdop.agencyReport.*`; these channels add the rest.
 */

// ---- outputs -----------------------------------------------------------------

export interface CdopChase {
  id: string;
  chasedOn: string;
  /** Who chased and how ("J Smith, by email"). */
  chasedBy: string;
  note: string | null;
}

export interface CdopAgencyForm {
  id: string;
  agency: string;
  requestedOn: string;
  /** Its own due date; null when it takes the default from Settings. */
  dueOn: string | null;
  /** Derived: `dueOn`, or the default days after the request. */
  due: string;
  receivedOn: string | null;
  /** Derived from the dates when read, never stored. */
  overdue: boolean;
  daysOverdue: number;
  /** The agency's involvement with the child and family, as its form tells it. */
  involvement: string | null;
  /** What the form notes, per domain of the case's analysis form, in the form's domain order. */
  factors: { domain: string; text: string }[];
  chases: CdopChase[];
}

export interface CdopJointAgencyResponse {
  heldOn: string;
  leadProfessionals: string | null;
  /** Whether the home (or place of death) was visited; null if not recorded. */
  homeVisit: boolean | null;
}

export interface CdopReviewMeeting {
  heldOn: string;
  attendees: { role: string; name: string | null }[];
  outcome: string | null;
}

export interface CdopPathway {
  caseId: string;
  reference: string;
  formVersion: FormVersion;
  expected: Expectedness | null;
  dateOfDeath: string;
  /** The day the dates were judged against. */
  today: string;
  formDueDays: number;
  agencyForms: CdopAgencyForm[];
  jointAgencyResponse: CdopJointAgencyResponse | null;
  /** Why no Joint Agency Response can be recorded (an expected death), or null. */
  jointAgencyResponseProblem: string | null;
  reviewMeeting: CdopReviewMeeting | null;
}

export type CdopWorkCase = Pick<CdopCaseSummary, 'id' | 'reference' | 'childName' | 'status'> & {
  dateNotified: string;
};
export type CdopWorkForm = Pick<CdopAgencyForm, 'id' | 'agency' | 'requestedOn' | 'dueOn' | 'receivedOn'> & {
  caseId: string;
  due: string;
  overdue: boolean;
  daysOverdue: number;
};

export interface CdopWorkList {
  today: string;
  settings: PathwaySettings;
  waitingOnForms: { case: CdopWorkCase; waitingOn: CdopWorkForm[] }[];
  overdueForms: { case: CdopWorkCase; form: CdopWorkForm }[];
  openTooLong: { case: CdopWorkCase; daysOpen: number }[];
  /** The pack of the next panel meeting from today with cases listed; null if none is planned. */
  nextPanel: CdopPanelPack | null;
}

// ---- channels ----------------------------------------------------------------

const unlocked = { requiresUnlocked: true };

export const ATTENDEES_MAX = 40;

export const cdopPathwayChannels = {
  'cdop.pathway.get': channel<CdopPathway>()(z.object({ caseId: id('case') }).strict(), unlocked),
  /**
   * A form's own due date (null returns it to the default), the agency's
   * involvement and what it notes per domain. `factors` replaces them all: a
   * domain left out or blank is cleared; a domain not on the case's form is refused.
   */
  'cdop.agencyForm.update': channel<CdopPathway>()(
    z
      .object({
        id: id('agency report'),
        dueOn: isoDate('Due date').nullable().optional(),
        involvement: optionalText('involvement', 20_000).optional(),
        factors: z
          .array(z.object({ domain: requiredText('domain', 10), text: z.string().trim().max(20_000) }).strict())
          .max(20)
          .optional(),
      })
      .strict(),
    unlocked,
  ),
  /** A dated note of chasing an agency for its form. */
  'cdop.agencyForm.chase': channel<CdopPathway>()(
    z
      .object({
        reportId: id('agency report'),
        chasedOn: isoDate('Date chased'),
        chasedBy: requiredText('who chased and how', 200),
        note: optionalText('note', 5000).default(null),
      })
      .strict(),
    unlocked,
  ),
  'cdop.agencyForm.removeChase': channel<CdopPathway>()(byId('chase'), unlocked),
  /** Records (or replaces) the Joint Agency Response; refused for a death recorded as expected. */
  'cdop.jointAgencyResponse.set': channel<CdopPathway>()(
    z
      .object({
        caseId: id('case'),
        heldOn: isoDate('Date of the Joint Agency Response'),
        leadProfessionals: optionalText('lead professionals', 1000).default(null),
        homeVisit: z.boolean().nullable().default(null),
      })
      .strict(),
    unlocked,
  ),
  'cdop.jointAgencyResponse.remove': channel<CdopPathway>()(z.object({ caseId: id('case') }).strict(), unlocked),
  /** Records (or replaces) the Child Death Review Meeting, its attendees in the order given. */
  'cdop.reviewMeeting.set': channel<CdopPathway>()(
    z
      .object({
        caseId: id('case'),
        heldOn: isoDate('Date of the review meeting'),
        attendees: z
          .array(
            z.object({
              role: requiredText('attendee role', 200),
              name: optionalText('attendee name', 200).default(null),
            }),
          )
          .max(ATTENDEES_MAX, `At most ${ATTENDEES_MAX} attendees`)
          .default([]),
        outcome: optionalText('outcome', 20_000).default(null),
      })
      .strict(),
    unlocked,
  ),
  'cdop.reviewMeeting.remove': channel<CdopPathway>()(z.object({ caseId: id('case') }).strict(), unlocked),
  /** Open cases waiting on forms, overdue forms, cases open too long, and the next panel's pack, as of today. */
  'cdop.workList': channel<CdopWorkList>()(z.object({}).strict(), unlocked),
} as const;
