import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { generateAgencyCsv } from '../../bench/chronology-import.bench.js';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import type { CasebookEvent, ChronologyImportPreview, Review } from '../../shared/api/contract.js';
import type { ApiResult } from '../../shared/api/errors.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();
let app: CasebookApp | undefined;

afterEach(() => {
  app?.close();
  app = undefined;
});

async function value<T>(promise: Promise<ApiResult<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

it('streams progress while a large import runs, keeps other requests and a lock out of its transaction', async () => {
  app = createCasebookApp(join(tempDirectory(), 'case.vault'), { scrypt: FAST_SCRYPT });
  const casebook = app;
  await value(casebook.invoke('vault.create', { passphrase: PASSPHRASE }));
  const review = await value<Review>(casebook.invoke('reviews.create', { title: 'Child H', type: 'cspr' }));
  const preview = await value<ChronologyImportPreview>(
    casebook.invoke('chronology.previewImport', {
      reviewId: review.id,
      agency: 'Health visiting',
      fileName: 'large.csv',
      contentBase64: generateAgencyCsv(20_000).toString('base64'),
    }),
  );
  const order: string[] = [];
  casebook.events.subscribe((event: CasebookEvent) => {
    if (event.name === 'import.progress') order.push(`progress ${event.payload.done}`);
    if (event.name === 'vault.locked') order.push('locked');
  });

  const committing = casebook
    .invoke('chronology.commitImport', { previewId: preview.previewId, mode: 'all-or-nothing' })
    .then((result) => {
      order.push('committed');
      return result;
    });
  // Let the import start, then ask for other things while it runs.
  await new Promise((resolve) => setImmediate(resolve));
  const listing = casebook.invoke('chronology.list', { reviewId: review.id }).then((result) => {
    order.push('listed');
    return result;
  });
  const locking = casebook.invoke('vault.lock', {});

  expect(await value(committing)).toMatchObject({ imported: 20_000 });
  // The list waited for the import and saw all of it, not half a transaction.
  expect(await value(listing)).toMatchObject({ total: 20_000 });
  await locking;
  expect(order.filter((step) => step.startsWith('progress')).length).toBeGreaterThanOrEqual(4);
  expect(order.indexOf('progress 5000')).toBeLessThan(order.indexOf('committed'));
  // The lock asked for during the import happened after it committed, and nothing was lost.
  expect(order.indexOf('locked')).toBeGreaterThan(order.indexOf('committed'));
  await value(casebook.invoke('vault.unlock', { passphrase: PASSPHRASE }));
  expect(await value(casebook.invoke('chronology.list', { reviewId: review.id, limit: 1 }))).toMatchObject({
    total: 20_000,
  });
});
