import type { PassphraseAssessment } from '../../../shared/passphrase.js';
import { STRENGTH_LABELS } from './passphrase.js';

interface StrengthMeterProps {
  id: string;
  passphrase: string;
  assessment: PassphraseAssessment | null;
}

/** A bar and a word for the strength, plus the checker's advice, announced politely as it changes. */
export function StrengthMeter({ id, passphrase, assessment }: StrengthMeterProps) {
  const score = assessment?.score ?? 0;
  const label = STRENGTH_LABELS[score];
  const empty = passphrase.length === 0;
  return (
    <div className="strength" id={id} aria-live="polite">
      <div className="strength-bar" aria-hidden="true">
        <div
          className={`strength-fill strength-${empty ? 'none' : score}`}
          style={{ width: empty ? '0%' : `${((score + 1) / STRENGTH_LABELS.length) * 100}%` }}
        />
      </div>
      {empty ? (
        <p className="strength-label">Strength: not entered yet</p>
      ) : assessment ? (
        <>
          <p className="strength-label">
            Strength: <strong>{label}</strong>
            {assessment.acceptable ? ' (acceptable)' : ' (not strong enough)'}
          </p>
          {assessment.feedback.length > 0 ? (
            <ul className="strength-feedback">
              {assessment.feedback.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="strength-label">Checking strength…</p>
      )}
    </div>
  );
}
