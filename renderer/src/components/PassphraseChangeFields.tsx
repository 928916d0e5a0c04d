import { useId, useState } from 'react';
import { PasswordField } from './PasswordField.js';
import { newPassphraseProblem, usePassphraseAssessment } from './passphrase.js';
import { StrengthMeter } from './StrengthMeter.js';

/**
 * What changing the passphrase and re-keying both ask for: the current passphrase
 * or recovery key, a new passphrase with its strength meter, and the new one again.
 * Returns the values, why the form cannot be sent yet (null when it can), the
 * fields to render, and a way to clear them.
 */
export function usePassphraseChangeFields() {
  const strengthId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const assessment = usePassphraseAssessment(next);
  const problem = current
    ? newPassphraseProblem(next, confirm, assessment)
    : 'Enter your current passphrase or recovery key.';
  const fields = (
    <>
      <PasswordField
        label="Current passphrase or recovery key"
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
      />
      <PasswordField
        label="New passphrase"
        value={next}
        onChange={setNext}
        autoComplete="new-password"
        describedBy={strengthId}
      />
      <StrengthMeter id={strengthId} passphrase={next} assessment={assessment} />
      <PasswordField
        label="Confirm new passphrase"
        value={confirm}
        onChange={setConfirm}
        autoComplete="new-password"
        invalid={confirm.length > 0 && confirm !== next}
      />
    </>
  );
  const clear = () => {
    setCurrent('');
    setNext('');
    setConfirm('');
  };
  return { current, next, problem, fields, clear };
}
