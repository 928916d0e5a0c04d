import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ROOT } from './build.js';

const holders = new Set<ChildProcess>();
afterEach(() => {
  for (const child of holders) child.kill('SIGKILL');
  holders.clear();
});

/**
 * Another process with a write transaction open on the vault, as a long CLI import
 * has, until `release()` rolls it back. Real contention: a separate process, its
 * own connection, SQLite's own locks.
 */
export async function otherProcessWriting(
  vaultPath: string,
  passphrase: string,
): Promise<{ release(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
      const { Vault } = await import(${JSON.stringify(join(ROOT, 'dist/db/vault.js'))});
      const vault = await Vault.unlock(process.env.VAULT, { passphrase: process.env.P });
      vault.database.exec('BEGIN IMMEDIATE');
      vault.database.prepare("INSERT INTO setting (key, value) VALUES ('other-writer', '1')").run();
      process.stdout.write('writing\\n');
      process.stdin.resume();
      process.stdin.on('end', () => { vault.database.exec('ROLLBACK'); vault.close(); });
      `,
    ],
    { env: { ...process.env, VAULT: vaultPath, P: passphrase }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  holders.add(child);
  let output = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('writing')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the other writer exited early (${code})`)));
  });
  return {
    async release() {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
      holders.delete(child);
    },
  };
}
