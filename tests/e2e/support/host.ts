import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChronologyImportPreview, ImportCommitResult, ImportMode } from '../../../shared/api/contract.js';

/**
 * Starts the real web host (`casebook serve`) from the built app, on a fresh
 * vault path in a temporary folder, and waits for its "ready" line.
 */

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
/** The built CLI, as `casebook serve` and the tests' own CLI runs use it. */
export const CLI = join(REPO_ROOT, 'dist/electron/cli/main.js');
const RENDERER = join(REPO_ROOT, 'dist/renderer/index.html');
const READY = /Casebook is ready at (http:\/\/127\.0\.0\.1:(\d+)\/)#token=(\S+)/;

export interface RunningHost {
  /** The address to open, token included. */
  openUrl: string;
  /** The origin without the token, e.g. to check that an untokened tab is refused. */
  baseUrl: string;
  token: string;
  port: number;
  vaultPath: string;
  directory: string;
  /** Everything the host wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartHostOptions {
  /** Reuse a vault (e.g. to restart the host on it); default: a new path in a fresh temp folder. */
  vaultPath?: string;
  timeoutMs?: number;
}

export function assertBuilt(): void {
  const missing = [CLI, RENDERER].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `End-to-end tests run against the build: run \`npm run build\` first (missing ${missing.join(', ')}).`,
    );
  }
}

export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  assertBuilt();
  const directory = await mkdtemp(join(tmpdir(), 'casebook-e2e-'));
  const vaultPath = options.vaultPath ?? join(directory, 'test.vault');
  const child = spawn(process.execPath, [CLI, 'serve', '--vault', vaultPath, '--port', '0'], {
    cwd: directory,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    log += chunk;
  });
  child.stderr.on('data', (chunk: string) => {
    log += chunk;
  });

  const stop = async () => {
    await stopProcess(child);
    await rm(directory, { recursive: true, force: true });
  };

  try {
    const match = await waitForReady(child, () => log, options.timeoutMs ?? 30_000);
    const [, baseUrl = '', port = '0', token = ''] = match;
    return {
      openUrl: `${baseUrl}#token=${token}`,
      baseUrl,
      token,
      port: Number(port),
      vaultPath,
      directory,
      output: () => log,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForReady(child: ChildProcess, log: () => string, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => finish(new Error(`casebook serve was not ready after ${timeoutMs} ms:\n${log()}`)),
      timeoutMs,
    );
    const check = () => {
      const match = READY.exec(log());
      if (match) finish(null, match);
    };
    const exited = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(new Error(`casebook serve exited (code ${code}, signal ${signal}) before it was ready:\n${log()}`));
    function finish(error: Error | null, match?: RegExpExecArray) {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', exited);
      if (error || !match) fail(error);
      else done(match);
    }
    child.stdout?.on('data', check);
    child.once('exit', exited);
    check();
  });
}

/** SIGTERM (the host closes the vault cleanly), then SIGKILL if it has not gone within five seconds. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(timer);
}

/** A contract call through the running host's HTTP API, with its token: for setting a scene a test is not about. */
export async function callApi<T>(host: RunningHost, channel: string, payload: unknown): Promise<T> {
  const response = await fetch(`${host.baseUrl}api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(payload),
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

/** One agency's chronology file imported through the channels the import wizard uses: a scene a test is not about. */
export async function importChronology(
  host: RunningHost,
  file: { reviewId: string; agency: string; fileName: string; content: Buffer; mode?: ImportMode },
): Promise<ImportCommitResult> {
  const preview = await callApi<ChronologyImportPreview>(host, 'chronology.previewImport', {
    reviewId: file.reviewId,
    agency: file.agency,
    fileName: file.fileName,
    contentBase64: file.content.toString('base64'),
  });
  return callApi<ImportCommitResult>(host, 'chronology.commitImport', {
    previewId: preview.previewId,
    mode: file.mode,
  });
}
