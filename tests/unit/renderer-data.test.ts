import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's one way to load and change data: views and components read with
 * `useData` and change with `useChange` (renderer/src/state/data.ts), so loading,
 * errors and refreshing after a change work the same on every screen. Only the
 * import wizard, one flow of preview, progress and commit, calls the contract.
 */

const RENDERER = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'src');
const ALLOWED = new Set(['views/import/ImportWizard.tsx']);

function files(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = join(directory, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Whether a source imports the client's `call` (the contract itself). */
function callsTheContract(source: string): boolean {
  return [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'[./]+\/api\/client\.js'/g)].some((match) =>
    (match[1] ?? '').split(',').some((name) => name.trim() === 'call'),
  );
}

describe('renderer: one way to load and change data', () => {
  it('recognises an import of call, and not of errorMessage alone', () => {
    expect(callsTheContract("import { call, errorMessage } from '../../api/client.js';")).toBe(true);
    expect(callsTheContract("import {\n  errorMessage,\n  call,\n} from '../api/client.js';")).toBe(true);
    expect(callsTheContract("import { errorMessage } from '../api/client.js';")).toBe(false);
    expect(callsTheContract("import { call } from './elsewhere.js';")).toBe(false);
  });

  it('views and components never call the contract themselves (except the import wizard)', () => {
    const offenders = ['views', 'components']
      .flatMap((folder) => files(join(RENDERER, folder)))
      .map((file) => relative(RENDERER, file).split('\\').join('/'))
      .filter((file) => !ALLOWED.has(file) && callsTheContract(readFileSync(join(RENDERER, file), 'utf8')));
    expect(offenders, 'use useData / useChange from state/data.ts').toEqual([]);
  });
});
