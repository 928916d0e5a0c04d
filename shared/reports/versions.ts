/**
 * A review's exported Word documents as kept versions, the board's sign-off, and
 * what changed between two versions, section by section. Shared by the CLI, the
 * channels and the renderer's version list.
 */

export type ReportKind = 'report' | 'briefing';
export const REPORT_KINDS = ['report', 'briefing'] as const;
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  report: 'Review report',
  briefing: 'Seven-minute briefing',
};

export type SignOffDecision = 'approved' | 'changes-requested';
export const SIGN_OFF_DECISIONS = ['approved', 'changes-requested'] as const;

export interface VersionSection {
  /** The section's heading, which is also how two versions' sections are matched. */
  heading: string;
  text: string;
}

export interface SignOff {
  role: string;
  /** YYYY-MM-DD. */
  signedOn: string;
  decision: SignOffDecision;
  conditions: string | null;
}

export interface ReportVersion {
  number: number;
  kind: ReportKind;
  createdAt: string;
  contentHash: string;
  anonymised: boolean;
  signOff: SignOff | null;
  /** Sections added, removed or changed since the version before it of the same kind. */
  changedSincePrevious: SectionChange[];
}

export interface SectionChange {
  heading: string;
  change: 'added' | 'removed' | 'changed';
}

/** What changed from `before` to `after`, in the order of `after` (removed sections last). */
export function sectionChanges(before: readonly VersionSection[], after: readonly VersionSection[]): SectionChange[] {
  const old = new Map(before.map((section) => [section.heading, section.text]));
  const current = new Set(after.map((section) => section.heading));
  const changes: SectionChange[] = [];
  for (const section of after) {
    const previous = old.get(section.heading);
    if (previous === undefined) changes.push({ heading: section.heading, change: 'added' });
    else if (previous !== section.text) changes.push({ heading: section.heading, change: 'changed' });
  }
  for (const section of before)
    if (!current.has(section.heading)) changes.push({ heading: section.heading, change: 'removed' });
  return changes;
}
