import { useState } from 'react';
import { NewPassphraseFields } from './NewPassphraseFields.js';
import { PasswordField } from './PasswordField.js';
import { useNewPassphrase } from './passphrase.js';

/**
 * What changing the passphrase and re-keying both ask for: the current passphrase
 * or recovery key, then a new passphrase (with its strength meter) typed twice.
 * Returns the values, why the form cannot be sent yet (null when it can), the
 * fields to render, and a way to clear them.
 */
export function usePassphraseChangeFields() {
  const [current, setCurrent] = useState('');
  const chosen = useNewPassphrase();
  const problem = current ? chosen.problem : 'Enter your current passphrase or recovery key.';
  const fields = (
    <>
      <PasswordField
        label="Current passphrase or recovery key"
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
      />
      <NewPassphraseFields value={chosen} confirmLabel="Confirm new passphrase" />
    </>
  );
  const clear = () => {
    setCurrent('');
    chosen.reset();
  };
  return { current, next: chosen.passphrase, problem, fields, clear };
}
