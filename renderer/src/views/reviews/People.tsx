import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Person, Review } from '../../../../shared/api/contract.js';
import { CasebookError } from '../../../../shared/api/errors.js';
import { PERSON_ROLES, type PersonRole } from '../../../../shared/reviews/index.js';
import { call, errorMessage } from '../../api/client.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { Field } from '../../components/Field.js';
import { addPerson, loadPeople, removePerson, updatePerson, useReviews } from '../../state/reviews.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { type FormProblems, focusFirstInvalid, formProblems, NO_PROBLEMS, summary } from './problems.js';

/** The children, family members and professionals in a review, each with the pseudonym used when anonymising. */
export function People({ review }: { review: Review }) {
  const people = useReviews((state) => state.people[review.id]);
  const headingId = useId();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Person | null>(null);
  const [removing, setRemoving] = useState<Person | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Bumped after each save so the add form starts empty with a fresh suggestion.
  const [formVersion, setFormVersion] = useState(0);

  useEffect(() => {
    loadPeople(review.id).catch((caught: unknown) => setLoadError(errorMessage(caught)));
  }, [review.id]);

  async function confirmRemove() {
    if (!removing) return;
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await removePerson(review.id, removing.id);
      setMessage(`Removed ${removing.pseudonym} from this review.`);
      if (editing?.id === removing.id) setEditing(null);
      setRemoving(null);
      setFormVersion((version) => version + 1);
    } catch (caught) {
      setRemoveError(errorMessage(caught));
    } finally {
      setRemoveBusy(false);
    }
  }

  return (
    <>
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>People in this review</h2>
        <p className="hint">
          Each person has a pseudonym or role code (Child A, Mother, GP1) that replaces their real name whenever
          Casebook anonymises a chronology or report.
        </p>
        <ErrorAlert message={loadError} />
        <StatusMessage message={message} />
        {people === undefined ? (
          loadError ? null : (
            <p className="muted" role="status">
              Loading people…
            </p>
          )
        ) : people.length === 0 ? (
          <p className="muted">No one added yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="people-table">
              <caption className="visually-hidden">People in this review, by pseudonym</caption>
              <thead>
                <tr>
                  <th scope="col">Pseudonym or role code</th>
                  <th scope="col">Role</th>
                  <th scope="col">Relationship or job</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Real name</th>
                  {review.archived ? null : (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.id} className={editing?.id === person.id ? 'editing' : undefined}>
                    <th scope="row" className="pseudonym">
                      {person.pseudonym}
                    </th>
                    <td>{person.roleLabel}</td>
                    <td>{person.relationship ?? <span className="muted">Not given</span>}</td>
                    <td>{person.agency ?? <span className="muted">None</span>}</td>
                    <td className="real-name">{person.name}</td>
                    {review.archived ? null : (
                      <td className="row-actions">
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            setMessage(null);
                            setEditing(person);
                          }}
                        >
                          Edit<span className="visually-hidden"> {person.pseudonym}</span>
                        </button>
                        <button
                          type="button"
                          className="link danger-link"
                          onClick={() => {
                            setRemoveError(null);
                            setRemoving(person);
                          }}
                        >
                          Remove<span className="visually-hidden"> {person.pseudonym}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {review.archived ? (
        <p className="muted">This review is archived: restore it to add or change people.</p>
      ) : (
        <PersonForm
          key={editing ? `edit-${editing.id}` : `add-${formVersion}`}
          review={review}
          person={editing}
          onDone={(text) => {
            setMessage(text);
            setEditing(null);
            setFormVersion((version) => version + 1);
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.pseudonym ?? ''} from this review?`}
        confirmLabel="Remove person"
        danger
        busy={removeBusy}
        error={removeError}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(null)}
      >
        <p>
          {removing?.pseudonym} ({removing?.name}) and their details are deleted from this review. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  );
}

const FIELDS = ['name', 'role', 'pseudonym', 'relationship', 'agency', 'notes'] as const;

function PersonForm({
  review,
  person,
  onDone,
  onCancel,
}: {
  review: Review;
  person: Person | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const agenciesId = useId();
  const [role, setRole] = useState<PersonRole | ''>(person?.role ?? '');
  const [relationship, setRelationship] = useState(person?.relationship ?? '');
  const [agency, setAgency] = useState(person?.agency ?? '');
  const [name, setName] = useState(person?.name ?? '');
  const [notes, setNotes] = useState(person?.notes ?? '');
  const [pseudonym, setPseudonym] = useState(person?.pseudonym ?? '');
  /** The last suggestion while the reviewer has not typed their own; null once they have. */
  const [suggested, setSuggested] = useState<string | null>(null);
  const [followSuggestion, setFollowSuggestion] = useState(person === null);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);
  const clear = (field: (typeof FIELDS)[number]) =>
    setProblems((current) => {
      if (!(field in current.fields)) return current;
      const { [field]: _, ...fields } = current.fields;
      return { ...current, fields };
    });

  useEffect(() => {
    if (person) headingRef.current?.focus();
  }, [person]);

  const suggest = useCallback(
    async (forRole: PersonRole, forRelationship: string): Promise<void> => {
      const ticket = ++asked.current;
      try {
        const { pseudonym: suggestion } = await call('people.suggestPseudonym', {
          reviewId: review.id,
          role: forRole,
          relationship: forRelationship.trim() || null,
        });
        if (ticket !== asked.current) return;
        setPseudonym(suggestion);
        setSuggested(suggestion);
      } catch {
        // A suggestion is a convenience: the reviewer can always type one.
      }
    },
    [review.id],
  );

  // Follow the role and relationship with a fresh suggestion until the reviewer types their own pseudonym.
  useEffect(() => {
    if (!followSuggestion || !role) return;
    const timer = setTimeout(() => void suggest(role, relationship), 250);
    return () => clearTimeout(timer);
  }, [followSuggestion, role, relationship, suggest]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const local: Record<string, string> = {};
    if (!role) local.role = 'Choose the role of this person.';
    if (!name.trim()) local.name = 'Enter the real name (it stays in the vault; reports use the pseudonym).';
    if (!pseudonym.trim()) local.pseudonym = 'Enter a pseudonym or role code, e.g. Child A, Mother, GP1.';
    if (!role || Object.keys(local).length > 0) {
      setProblems({ fields: local, other: null });
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setProblems(NO_PROBLEMS);
    const fields = {
      name,
      role,
      pseudonym,
      relationship: relationship.trim() || null,
      agency: agency.trim() || null,
      notes: notes.trim() || null,
    };
    try {
      const saved = person
        ? await updatePerson(review.id, { id: person.id, ...fields })
        : await addPerson({ reviewId: review.id, ...fields });
      onDone(person ? `Saved changes to ${saved.pseudonym}.` : `Added ${saved.pseudonym}.`);
    } catch (caught) {
      // The one conflict a person can cause: the pseudonym is taken. It belongs beside that field.
      if (caught instanceof CasebookError && caught.code === 'conflict' && /pseudonym/i.test(caught.message)) {
        setProblems({ fields: { pseudonym: caught.message }, other: null });
      } else {
        setProblems(formProblems(caught, FIELDS));
      }
      setBusy(false);
      focusFirstInvalid(formRef.current);
    }
  }

  const title = person ? `Edit ${person.pseudonym}` : 'Add a person';
  const pseudonymHint =
    suggested !== null && pseudonym === suggested
      ? `Suggested from the role and relationship: ${suggested}. You can change it; each person needs their own.`
      : 'Unique within this review. Reports and anonymised exports show this instead of the real name.';

  return (
    <section aria-labelledby={headingId} className="person-form">
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <form ref={formRef} onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field label="Role" hint="It decides the kind of pseudonym suggested." error={problems.fields.role}>
            {(ids) => (
              <select
                id={ids.id}
                value={role}
                onChange={(event) => {
                  setRole(event.target.value as PersonRole | '');
                  clear('role');
                }}
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid}
              >
                <option value="">Choose a role</option>
                {PERSON_ROLES.map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Relationship or job title"
            hint="e.g. Mother, Maternal grandmother, GP, Health visitor"
            error={problems.fields.relationship}
          >
            {(ids) => (
              <input
                id={ids.id}
                type="text"
                value={relationship}
                onChange={(event) => {
                  setRelationship(event.target.value);
                  clear('relationship');
                }}
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid}
                maxLength={200}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="Real name" hint="Kept in the encrypted vault only." error={problems.fields.name}>
            {(ids) => (
              <input
                id={ids.id}
                type="text"
                value={name}
                onChange={(event) => {
                  setName(event.target.value);
                  clear('name');
                }}
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid}
                maxLength={200}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="Agency (optional)" hint="For professionals: who they work for." error={problems.fields.agency}>
            {(ids) => (
              <>
                <input
                  id={ids.id}
                  type="text"
                  list={agenciesId}
                  value={agency}
                  onChange={(event) => {
                    setAgency(event.target.value);
                    clear('agency');
                  }}
                  aria-describedby={ids.describedBy}
                  aria-invalid={ids.invalid}
                  maxLength={200}
                  autoComplete="off"
                />
                <datalist id={agenciesId}>
                  {review.agencies.map((option) => (
                    <option key={option.id} value={option.name} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
        <Field label="Pseudonym or role code" hint={pseudonymHint} error={problems.fields.pseudonym}>
          {(ids) => (
            <div className="input-row">
              <input
                id={ids.id}
                type="text"
                className="pseudonym-input"
                value={pseudonym}
                onChange={(event) => {
                  setPseudonym(event.target.value);
                  setFollowSuggestion(false);
                  clear('pseudonym');
                }}
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid}
                maxLength={60}
                autoComplete="off"
              />
              <button
                type="button"
                className="secondary"
                disabled={!role}
                onClick={() => {
                  if (!role) return;
                  setFollowSuggestion(true);
                  void suggest(role, relationship);
                }}
              >
                Suggest one
              </button>
            </div>
          )}
        </Field>
        <Field label="Notes (optional)" error={problems.fields.notes}>
          {(ids) => (
            <textarea
              id={ids.id}
              value={notes}
              onChange={(event) => {
                setNotes(event.target.value);
                clear('notes');
              }}
              aria-describedby={ids.describedBy}
              aria-invalid={ids.invalid}
              rows={2}
              maxLength={5_000}
            />
          )}
        </Field>
        <ErrorAlert message={summary(problems)} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : person ? 'Save changes' : 'Add person'}
          </button>
          {person ? (
            <button type="button" className="secondary" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
