import { CasebookError } from '../../../shared/api/errors.js';
import { errorMessage } from '../api/client.js';
import { sentence } from './Alert.js';

/**
 * What a failed save means for a form: messages for the fields the server's
 * `invalid_payload` issues point at (by the first part of their path, so
 * `agencies.2` belongs to `agencies`), and one message for everything else.
 */
export interface FormProblems {
  fields: Record<string, string>;
  other: string | null;
}

export const NO_PROBLEMS: FormProblems = { fields: {}, other: null };

export function formProblems(error: unknown, knownFields: readonly string[]): FormProblems {
  if (!(error instanceof CasebookError) || error.code !== 'invalid_payload' || !error.issues?.length) {
    return { fields: {}, other: errorMessage(error) };
  }
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path.split('.')[0] ?? '';
    if (knownFields.includes(field)) {
      fields[field] = fields[field] ? `${fields[field]} ${sentence(issue.message)}` : sentence(issue.message);
    } else {
      rest.push(sentence(issue.message));
    }
  }
  return { fields, other: rest.length > 0 ? rest.join(' ') : null };
}

/** The alert above a form's buttons: what is not beside a field, and how many fields need attention. */
export function summary(problems: FormProblems): string | null {
  const count = Object.keys(problems.fields).length;
  const fields =
    count === 0
      ? null
      : count === 1
        ? 'There is a problem with one field: it is explained beside the field.'
        : `There are problems with ${count} fields: each is explained beside its field.`;
  return [problems.other ? sentence(problems.other) : null, fields].filter(Boolean).join(' ') || null;
}

export function hasProblems(problems: FormProblems): boolean {
  return problems.other !== null || Object.keys(problems.fields).length > 0;
}

/** Moves focus to the first field marked invalid, after the render that marks it. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    target?.focus();
  });
}

/** The problems once `field` has been changed: its message goes until the next save checks it again. */
export function withoutField(problems: FormProblems, field: string): FormProblems {
  if (!(field in problems.fields)) return problems;
  const { [field]: _, ...fields } = problems.fields;
  return { ...problems, fields };
}
