import { expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.js';

it('lists migrations once each, zero-padded and strictly increasing', () => {
  const names = migrations.map((migration) => migration.name);
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
  expect([...names].sort()).toEqual(names);
  expect(new Set(names).size).toBe(names.length);
});
