import { useEffect, useState } from 'react';
import type { PassphraseAssessment } from '../../../shared/passphrase.js';

/**
 * The strength check is the same function the main process enforces. Its
 * dictionaries are large, so they load on first use rather than with the app.
 */
type Assess = (passphrase: string) => PassphraseAssessment;

let loaded: Assess | undefined;
let loading: Promise<Assess> | undefined;

function load(): Promise<Assess> {
  loading ??= import('../../../shared/passphrase.js').then((module) => {
    loaded = module.assessPassphrase;
    return loaded;
  });
  return loading;
}

/** null while the checker loads; the assessment of `passphrase` after that. */
export function usePassphraseAssessment(passphrase: string): PassphraseAssessment | null {
  const [assess, setAssess] = useState<Assess | undefined>(() => loaded);
  useEffect(() => {
    if (assess) return;
    let live = true;
    void load().then((fn) => {
      if (live) setAssess(() => fn);
    });
    return () => {
      live = false;
    };
  }, [assess]);
  return assess ? assess(passphrase) : null;
}

export const STRENGTH_LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** Why a new passphrase cannot be used yet, in words; null when it can. */
export function newPassphraseProblem(
  passphrase: string,
  confirm: string,
  assessment: PassphraseAssessment | null,
): string | null {
  if (!passphrase) return 'Enter a new passphrase.';
  if (!assessment) return 'Checking the passphrase strength…';
  if (!assessment.acceptable) return 'The passphrase is not strong enough yet: see the advice above.';
  if (!confirm) return 'Type the passphrase again to confirm it.';
  if (confirm !== passphrase) return 'The two passphrases do not match.';
  return null;
}

/** A new passphrase being chosen: typed, typed again, assessed, and why it cannot be used yet (null when it can). */
export function useNewPassphrase() {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const assessment = usePassphraseAssessment(passphrase);
  const problem = newPassphraseProblem(passphrase, confirm, assessment);
  const reset = () => {
    setPassphrase('');
    setConfirm('');
  };
  return { passphrase, setPassphrase, confirm, setConfirm, assessment, problem, reset };
}

export type NewPassphrase = ReturnType<typeof useNewPassphrase>;
