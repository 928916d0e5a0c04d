import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * One passphrase policy for every shell: the renderer's strength meter and the
 * vault's refusal use the same function, so they can never disagree.
 */
export const MIN_PASSPHRASE_LENGTH = 12;
/** zxcvbn score 0-4; 3 means "safely unguessable: moderate protection from offline attack". */
export const MIN_PASSPHRASE_SCORE = 3;

export interface PassphraseAssessment {
  /** 0 (very weak) to 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  /** Plain-English reason it is not acceptable, or advice; empty when strong. */
  feedback: string[];
}

let estimator: ZxcvbnFactory | undefined;
function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

export function assessPassphrase(passphrase: string): PassphraseAssessment {
  const feedback: string[] = [];
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    feedback.push(`Use at least ${MIN_PASSPHRASE_LENGTH} characters (this has ${passphrase.length}).`);
  }
  // zxcvbn only looks at the first 100 characters; longer is not weaker.
  const result = getEstimator().check(passphrase.slice(0, 100));
  const score = result.score as PassphraseAssessment['score'];
  if (score < MIN_PASSPHRASE_SCORE) {
    if (result.feedback.warning) feedback.push(result.feedback.warning);
    feedback.push(...result.feedback.suggestions);
    if (feedback.length === 0) feedback.push('Too easy to guess: add more unrelated words.');
  }
  return { score, acceptable: passphrase.length >= MIN_PASSPHRASE_LENGTH && score >= MIN_PASSPHRASE_SCORE, feedback };
}

export function weakPassphraseMessage(assessment: PassphraseAssessment): string {
  return `Passphrase too weak: ${assessment.feedback.join(' ')}`.trim();
}
