import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Person, Review } from '../../../../shared/api/contract.js';
import { CasebookError } from '../../../../shared/api/errors.js';
import { PERSON_ROLES, type PersonRole } from '../../../../shared/reviews/index.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { ColumnHeads } from '../../components/ColumnHeads.js';
import { ConfirmDialog, useConfirmedChange } from '../../components/ConfirmDialog.js';
import { Field, SelectField, TextField } from '../../components/Field.js';
import { Pending } from '../../components/Pending.js';
import {
  type FormProblems,
  focusFirstInvalid,
  formProblems,
  NO_PROBLEMS,
  summary,
  withoutField,
} from '../../components/problems.js';
import { RowButton } from '../../components/RowButton.js';
import { useChange, useData } from '../../state/data.js';

/** A change to people re-reads them (their order and the next suggestion come from the vault), the review (a new agency joins its list) and the entries naming them. */
const PEOPLE_CHANGED = ['people.', 'reviews.get', 'chronology.'];

/** The children, family members and professionals in a review, each with the pseudonym used when anonymising. */
export function People({ review }: { review: Review }) {
  const loaded = useData('people.list', { reviewId: review.id });
  const people = loaded.value;
  const headingId = useId();
  const [editing, setEditing] = useState<Person | null>(null);
  const removal = useConfirmedChange<Person>();
  const removing = removal.asking;
  const [message, setMessage] = useState<string | null>(null);
  // Bumped after each save so the add form starts empty with a fresh suggestion.
  const [formVersion, setFormVersion] = useState(0);

  async function confirmRemove() {
    if (!removing) return;
    const outcome = await removal.run('people.remove', { id: removing.id }, { refresh: PEOPLE_CHANGED });
    if (!outcome.ok) return;
    setMessage(`Removed ${removing.pseudonym} from this review.`);
    if (editing?.id === removing.id) setEditing(null);
    removal.close();
    setFormVersion((version) => version + 1);
  }

  return (
    <>
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>People in this review</h2>
        <p className="hint">
          Each person has a pseudonym or role code (Child A, Mother, GP1) that replaces their real name, and the other
          names the records use for them, whenever Casebook anonymises a chronology or report. Entries that name someone
          are linked to them, so the chronology can be filtered by person.
        </p>
        <StatusMessage message={message} />
        {people === undefined ? (
          <Pending data={loaded} loading="Loading people…" />
        ) : people.length === 0 ? (
          <p className="muted">No one added yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="people-table">
              <caption className="visually-hidden">People in this review, by pseudonym</caption>
              <ColumnHeads
                columns={['Pseudonym or role code', 'Role', 'Relationship or job', 'Agency', 'Real name']}
                actions={!review.archived}
              />
              <tbody>
                {people.map((person) => (
                  <tr key={person.id} className={editing?.id === person.id ? 'editing' : undefined}>
                    <th scope="row" className="pseudonym">
                      {person.pseudonym}
                    </th>
                    <td>{person.roleLabel}</td>
                    <td>{person.relationship ?? <span className="muted">Not given</span>}</td>
                    <td>{person.agency ?? <span className="muted">None</span>}</td>
                    <td className="real-name">
                      {person.name}
                      {person.alsoKnownAs.length > 0 ? (
                        <span className="also-known-as"> (also {person.alsoKnownAs.join(', ')})</span>
                      ) : null}
                    </td>
                    {review.archived ? null : (
                      <td className="row-actions">
                        <RowButton
                          about={person.pseudonym}
                          onClick={() => {
                            setMessage(null);
                            setEditing(person);
                          }}
                        >
                          Edit
                        </RowButton>
                        <RowButton about={person.pseudonym} danger onClick={() => removal.ask(person)}>
                          Remove
                        </RowButton>
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
        {...removal.dialog}
        title={`Remove ${removing?.pseudonym ?? ''} from this review?`}
        confirmLabel="Remove person"
        danger
        onConfirm={() => void confirmRemove()}
      >
        <p>
          {removing?.pseudonym} ({removing?.name}) and their details are deleted from this review. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  );
}

const FIELDS = [
  'name',
  'role',
  'pseudonym',
  'relationship',
  'agency',
  'notes',
  'alsoKnownAs',
  'nhsNumber',
  'dateOfBirth',
  'address',
  'postcode',
] as const;

/** "Tyler, Dr Okafor" -> ["Tyler", "Dr Okafor"]: the other names as typed in one field. */
function splitNames(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

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
  const [alsoKnownAs, setAlsoKnownAs] = useState(person?.alsoKnownAs.join(', ') ?? '');
  const [nhsNumber, setNhsNumber] = useState(person?.nhsNumber ?? '');
  const [dateOfBirth, setDateOfBirth] = useState(person?.dateOfBirth ?? '');
  const [address, setAddress] = useState(person?.address ?? '');
  const [postcode, setPostcode] = useState(person?.postcode ?? '');
  /** The last suggestion while the reviewer has not typed their own; null once they have. */
  const [suggested, setSuggested] = useState<string | null>(null);
  const [followSuggestion, setFollowSuggestion] = useState(person === null);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);
  const { run, busy } = useChange();
  const clear = (field: (typeof FIELDS)[number]) => setProblems((current) => withoutField(current, field));
  /** A field's value, its problem, and a change that also clears that problem. */
  const bind = (field: (typeof FIELDS)[number], value: string, setValue: (value: string) => void) => ({
    value,
    error: problems.fields[field],
    onChange: (next: string) => {
      setValue(next);
      clear(field);
    },
  });

  useEffect(() => {
    if (person) headingRef.current?.focus();
  }, [person]);

  // A suggestion follows the role and relationship (once typing pauses) until the reviewer types their own.
  const [asked, setAsked] = useState<{ role: PersonRole; relationship: string } | null>(null);
  useEffect(() => {
    if (!followSuggestion || !role) return;
    const timer = setTimeout(() => setAsked({ role, relationship: relationship.trim() }), 250);
    return () => clearTimeout(timer);
  }, [followSuggestion, role, relationship]);
  // A suggestion is a convenience: if it cannot be had, the reviewer types one.
  const suggestion = useData(
    'people.suggestPseudonym',
    asked && { reviewId: review.id, role: asked.role, relationship: asked.relationship || null },
  ).value?.pseudonym;
  useEffect(() => {
    if (!followSuggestion || !suggestion) return;
    setPseudonym(suggestion);
    setSuggested(suggestion);
  }, [followSuggestion, suggestion]);

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
    setProblems(NO_PROBLEMS);
    const fields = {
      name,
      role,
      pseudonym,
      relationship: relationship.trim() || null,
      agency: agency.trim() || null,
      notes: notes.trim() || null,
      alsoKnownAs: splitNames(alsoKnownAs),
      nhsNumber: nhsNumber.trim() || null,
      dateOfBirth: dateOfBirth.trim() || null,
      address: address.trim() || null,
      postcode: postcode.trim() || null,
    };
    const outcome = person
      ? await run('people.update', { id: person.id, ...fields }, { refresh: PEOPLE_CHANGED })
      : await run('people.add', { reviewId: review.id, ...fields }, { refresh: PEOPLE_CHANGED });
    if (outcome.ok) {
      onDone(person ? `Saved changes to ${outcome.value.pseudonym}.` : `Added ${outcome.value.pseudonym}.`);
      return;
    }
    const caught = outcome.error;
    // The one conflict a person can cause: the pseudonym is taken. It belongs beside that field.
    if (caught instanceof CasebookError && caught.code === 'conflict' && /pseudonym/i.test(caught.message)) {
      setProblems({ fields: { pseudonym: caught.message }, other: null });
    } else {
      setProblems(formProblems(caught, FIELDS));
    }
    focusFirstInvalid(formRef.current);
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
          <SelectField
            label="Role"
            hint="It decides the kind of pseudonym suggested."
            error={problems.fields.role}
            value={role}
            onChange={(value) => {
              setRole(value);
              clear('role');
            }}
            options={PERSON_ROLES}
            empty="Choose a role"
          />
          <TextField
            label="Relationship or job title"
            hint="e.g. Mother, Maternal grandmother, GP, Health visitor"
            {...bind('relationship', relationship, setRelationship)}
            maxLength={200}
          />
          <TextField
            label="Real name"
            hint="Kept in the encrypted vault only."
            {...bind('name', name, setName)}
            maxLength={200}
          />
          <TextField
            label="Agency (optional)"
            hint="For professionals: who they work for."
            list={agenciesId}
            {...bind('agency', agency, setAgency)}
            maxLength={200}
          />
          <datalist id={agenciesId}>
            {review.agencies.map((option) => (
              <option key={option.id} value={option.name} />
            ))}
          </datalist>
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
                  setAsked({ role, relationship: relationship.trim() });
                  if (suggestion) setPseudonym(suggestion);
                }}
              >
                Suggest one
              </button>
            </div>
          )}
        </Field>
        <TextField
          label="Other names in the records (optional)"
          hint="Separated by commas, e.g. Tyler, Dr Okafor, Ms Brown. Entries using any of them are linked to this person, and anonymising replaces them too."
          {...bind('alsoKnownAs', alsoKnownAs, setAlsoKnownAs)}
          maxLength={2_000}
        />
        <fieldset className="leak-check-details">
          <legend>For the leak check (optional)</legend>
          <p className="hint">
            Kept in the encrypted vault only. An anonymised export that still holds any of these is refused, with where
            each one is.
          </p>
          <div className="form-grid">
            <TextField
              label="NHS number"
              hint="10 digits"
              inputMode="numeric"
              {...bind('nhsNumber', nhsNumber, setNhsNumber)}
              maxLength={20}
            />
            <TextField
              label="Date of birth"
              hint="YYYY-MM-DD"
              {...bind('dateOfBirth', dateOfBirth, setDateOfBirth)}
              maxLength={10}
            />
            <TextField label="Address" {...bind('address', address, setAddress)} maxLength={500} />
            <TextField label="Postcode" {...bind('postcode', postcode, setPostcode)} maxLength={10} />
          </div>
        </fieldset>
        <TextField label="Notes (optional)" {...bind('notes', notes, setNotes)} rows={2} maxLength={5_000} />
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
