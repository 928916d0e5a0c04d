import { describe, expect, it } from 'vitest';
import { assessPassphrase, MIN_PASSPHRASE_LENGTH, weakPassphraseMessage } from '../../shared/passphrase.js';

describe('passphrase policy', () => {
  it.each(['password', 'Password123!', 'qwertyuiop123', 'aaaaaaaaaaaaaaaa', 'safeguarding2015'])(
    'refuses %s',
    (weak) => {
      const assessment = assessPassphrase(weak);
      expect(assessment.acceptable).toBe(false);
      expect(assessment.feedback.length).toBeGreaterThan(0);
      expect(weakPassphraseMessage(assessment)).toMatch(/^Passphrase too weak: \S/);
    },
  );

  it('refuses a short passphrase even if it looks random, saying how long it must be', () => {
    const assessment = assessPassphrase('x7#Qp!2v');
    expect(assessment.acceptable).toBe(false);
    expect(assessment.feedback[0]).toContain(`at least ${MIN_PASSPHRASE_LENGTH} characters`);
  });

  it.each(['violet harbour tractor 1987 pebble', 'Kestrel-lamp-tundra-49-orbit'])('accepts %s', (strong) => {
    expect(assessPassphrase(strong)).toMatchObject({ acceptable: true, feedback: [] });
    expect(assessPassphrase(strong).score).toBeGreaterThanOrEqual(3);
  });
});
