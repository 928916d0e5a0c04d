import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import type { CasebookEvent } from '../../shared/api/contract.js';
import { BUSY_MESSAGE, WRONG_PASSPHRASE_MESSAGE } from '../../shared/api/errors.js';
import { otherProcessWriting } from '../support/other-writer.js';
import { FAST_SCRYPT, OTHER_PASSPHRASE, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();
let app: CasebookApp | undefined;

afterEach(() => {
  app?.close();
  app = undefined;
  vi.useRealTimers();
});

async function unlockedApp() {
  app = createCasebookApp(join(tempDirectory(), 'case.vault'), { scrypt: FAST_SCRYPT });
  const events: CasebookEvent[] = [];
  app.events.subscribe((event) => events.push(event));
  expect(await app.invoke('vault.create', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  return { app, events };
}

describe('vault session (main-process lock)', () => {
  it('locks itself after the idle time and then answers data channels with `locked`', async () => {
    const { app, events } = await unlockedApp();
    vi.useFakeTimers();
    app.session.touch(); // restart the idle timer under the fake clock
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(app.session.status().state).toBe('unlocked');
    await vi.advanceTimersByTimeAsync(61_000);
    expect(app.session.status().state).toBe('locked');
    expect(events).toEqual([{ name: 'vault.locked', payload: { reason: 'idle' } }]);
    expect(await app.invoke('settings.get', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await app.invoke('session.activity', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('counts activity reported by the renderer and honours a changed idle time', async () => {
    const { app } = await unlockedApp();
    vi.useFakeTimers();
    expect(await app.invoke('settings.update', { idleLockMinutes: 2 })).toMatchObject({
      ok: true,
      value: { idleLockMinutes: 2 },
    });
    for (let minute = 0; minute < 5; minute++) {
      await vi.advanceTimersByTimeAsync(90_000);
      expect(await app.invoke('session.activity', {})).toEqual({ ok: true, value: { ok: true } });
    }
    expect(app.session.status()).toMatchObject({ state: 'unlocked', idleLockMinutes: 2 });
    await vi.advanceTimersByTimeAsync(121_000);
    expect(app.session.status().state).toBe('locked');
  });

  it('keeps its idle time and reviewer name in the vault, across a lock', async () => {
    const { app } = await unlockedApp();
    await app.invoke('settings.update', { idleLockMinutes: 30, reviewerName: 'Independent Reviewer' });
    await app.invoke('vault.lock', {});
    expect(await app.invoke('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
      value: { state: 'unlocked', idleLockMinutes: 30, unlockedWithRecoveryKey: false },
    });
    const recent = (await app.invoke('audit.recent', { limit: 2 })) as { ok: true; value: unknown[] };
    expect(recent.value).toMatchObject([{ action: 'unlocked', actor: 'Independent Reviewer' }, { action: 'updated' }]);
  });

  it('rejects an out-of-range idle time without changing anything', async () => {
    const { app } = await unlockedApp();
    expect(await app.invoke('settings.update', { idleLockMinutes: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await app.invoke('settings.update', { idleLockMinutes: 1.5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await app.invoke('settings.get', {})).toMatchObject({ ok: true, value: { idleLockMinutes: 10 } });
  });

  it('flags a recovery-key unlock until a new passphrase is set', async () => {
    const other = createCasebookApp(join(tempDirectory(), 'other.vault'), { scrypt: FAST_SCRYPT });
    const created = (await other.invoke('vault.create', { passphrase: PASSPHRASE })) as {
      ok: true;
      value: { recoveryKey: string };
    };
    await other.invoke('vault.lock', {});
    const unlocked = await other.invoke('vault.unlock', { recoveryKey: created.value.recoveryKey });
    expect(unlocked).toMatchObject({ ok: true, value: { unlockedWithRecoveryKey: true } });
    const changed = await other.invoke('vault.changePassphrase', {
      current: created.value.recoveryKey,
      next: 'brand new saffron trellis 77',
    });
    expect(changed).toMatchObject({ ok: true, value: { unlockedWithRecoveryKey: false } });
    other.close();
  });

  it('refuses vault.create over the open vault without locking it', async () => {
    const { app, events } = await unlockedApp();
    expect(await app.invoke('vault.create', { passphrase: OTHER_PASSPHRASE })).toMatchObject({
      ok: false,
      error: { code: 'vault_exists' },
    });
    expect(app.session.status().state).toBe('unlocked');
    expect(events).toEqual([]);
    expect(await app.invoke('settings.get', {})).toMatchObject({ ok: true });
  });

  it('checks the secret of vault.unlock even when already unlocked', async () => {
    const { app } = await unlockedApp();
    expect(await app.invoke('vault.unlock', { passphrase: OTHER_PASSPHRASE })).toEqual({
      ok: false,
      error: { code: 'wrong_passphrase', message: WRONG_PASSPHRASE_MESSAGE },
    });
    expect(await app.invoke('vault.unlock', { recoveryKey: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_passphrase' },
    });
    expect(await app.invoke('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
      value: { state: 'unlocked' },
    });
  });

  it('answers `busy`, with its plain sentence, while another process writes to the vault', async () => {
    const path = join(tempDirectory(), 'case.vault');
    app = createCasebookApp(path, { scrypt: FAST_SCRYPT, busyTimeoutMs: 300 });
    await app.invoke('vault.create', { passphrase: PASSPHRASE });
    const busy = { ok: false, error: { code: 'busy', message: BUSY_MESSAGE } };
    const writer = await otherProcessWriting(path, PASSPHRASE);
    try {
      // Reading goes on; writing waits, then says why it cannot.
      expect(await app.invoke('settings.get', {})).toMatchObject({ ok: true });
      expect(await app.invoke('settings.update', { idleLockMinutes: 5 })).toEqual(busy);
      expect(await app.invoke('reviews.create', { title: 'Child K', type: 'cspr' })).toEqual(busy);
      await app.invoke('vault.lock', {});
      expect(await app.invoke('vault.unlock', { passphrase: PASSPHRASE })).toEqual(busy);
    } finally {
      await writer.release();
    }
    expect(await app.invoke('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    expect(await app.invoke('settings.update', { idleLockMinutes: 5 })).toMatchObject({ ok: true });
  });
});
