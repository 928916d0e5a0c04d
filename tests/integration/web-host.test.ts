import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CasebookApp, createCasebookApp } from '../../electron/app.js';
import { startWebHost, type WebHost } from '../../electron/web/host.js';
import { WRONG_PASSPHRASE_MESSAGE } from '../../shared/api/errors.js';
import { CLI } from '../support/build.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();
let host: WebHost | undefined;
let app: CasebookApp | undefined;
let served: ChildProcess | undefined;

afterEach(async () => {
  served?.kill();
  served = undefined;
  app?.close();
  await host?.close();
  host = undefined;
  app = undefined;
});

async function start() {
  const directory = tempDirectory();
  const rendererDirectory = join(directory, 'renderer');
  mkdirSync(rendererDirectory);
  writeFileSync(join(rendererDirectory, 'index.html'), '<!doctype html><title>Casebook</title>');
  writeFileSync(join(directory, 'secret.txt'), 'outside the renderer folder');
  app = createCasebookApp(join(directory, 'case.vault'), { scrypt: FAST_SCRYPT });
  host = await startWebHost({ app, rendererDirectory });
  return host;
}

function call(
  webHost: WebHost,
  channel: string,
  payload: unknown,
  options: { token?: string | null; rawBody?: string; contentType?: string } = {},
) {
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json' };
  const token = options.token === undefined ? webHost.token : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return fetch(`${webHost.url}api/${channel}`, {
    method: 'POST',
    headers,
    body: options.rawBody ?? JSON.stringify(payload),
  });
}

/** fetch() will not send a forged Host header, so use http.request for that case. */
function getWithHost(webHost: WebHost, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: webHost.port, path: '/', headers: { Host: hostHeader } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The real `casebook serve` as its own process: a crash there ends the process, not just a test. */
async function serveAsProcess(): Promise<{ url: string; token: string; port: number; process: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, '--vault', join(tempDirectory(), 'case.vault'), 'serve', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  served = child;
  let output = '';
  for await (const chunk of child.stdout) {
    output += chunk;
    if (output.includes('\n')) break;
  }
  const openUrl = new URL((JSON.parse(output) as { url: string }).url);
  const token = openUrl.hash.slice('#token='.length);
  return { url: `${openUrl.origin}/`, token, port: Number(openUrl.port), process: child };
}

/** The status line's code for a raw request line, which fetch would refuse to send. */
function rawStatus(port: number, requestLine: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`${requestLine}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
    );
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(Number(answer.split(' ')[1])));
    socket.on('error', reject);
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 only and answers 401 without the token', async () => {
    const webHost = await start();
    expect(webHost.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(webHost.openUrl).toBe(`${webHost.url}#token=${webHost.token}`);
    expect((await call(webHost, 'vault.status', {}, { token: null })).status).toBe(401);
    expect((await call(webHost, 'vault.status', {}, { token: 'guessed' })).status).toBe(401);
    expect((await call(webHost, 'vault.status', {}, { token: `${webHost.token}x` })).status).toBe(401);
    const events = await fetch(`${webHost.url}api/events`);
    expect(events.status).toBe(401);
  });

  it('answers the contract with the token', async () => {
    const webHost = await start();
    const response = await call(webHost, 'vault.status', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { state: 'absent' } });
  });

  it('rejects invalid payloads with a structured error before anything runs, and keeps serving', async () => {
    const webHost = await start();
    const invalid = await (await call(webHost, 'vault.create', { passphrase: 42 })).json();
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_payload', issues: [{ path: 'passphrase' }] } });
    const extra = await (await call(webHost, 'vault.create', { passphrase: PASSPHRASE, admin: true })).json();
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const unknown = await (await call(webHost, 'vault.dropEverything', {})).json();
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const badJson = await call(webHost, 'vault.status', null, { rawBody: '{"oops' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect((await call(webHost, 'vault.status', {}, { contentType: 'text/plain' })).status).toBe(415);
    // Nothing above created a vault, and the host still answers.
    expect(await (await call(webHost, 'vault.status', {})).json()).toMatchObject({
      ok: true,
      value: { state: 'absent' },
    });
  });

  it('answers data channels with `locked` until the vault is unlocked', async () => {
    const webHost = await start();
    expect(await (await call(webHost, 'settings.get', {})).json()).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    const created = await (await call(webHost, 'vault.create', { passphrase: PASSPHRASE })).json();
    expect(created.ok).toBe(true);
    expect(await (await call(webHost, 'settings.get', {})).json()).toMatchObject({
      ok: true,
      value: { idleLockMinutes: 10 },
    });
    await call(webHost, 'vault.lock', {});
    expect(await (await call(webHost, 'settings.get', {})).json()).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    const wrong = await (await call(webHost, 'vault.unlock', { passphrase: 'not the passphrase at all' })).json();
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'wrong_passphrase', message: WRONG_PASSPHRASE_MESSAGE },
    });
  });

  it('streams events to a client holding the token', async () => {
    const webHost = await start();
    await call(webHost, 'vault.create', { passphrase: PASSPHRASE });
    const stream = await fetch(`${webHost.url}api/events`, { headers: { Authorization: `Bearer ${webHost.token}` } });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // ": connected"
    await call(webHost, 'vault.lock', {});
    let text = '';
    while (!text.includes('\n\n', text.indexOf('data:'))) text += new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(text.slice(text.indexOf('data:') + 5).trim())).toEqual({
      name: 'vault.locked',
      payload: { reason: 'user' },
    });
    await reader.cancel();
  });

  it('serves the renderer with a strict CSP, never files outside it, and refuses other Host names', async () => {
    const webHost = await start();
    const page = await fetch(webHost.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Casebook</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${webHost.url}..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${webHost.url}%2e%2e/secret.txt`)).status).toBe(404);
    expect(await getWithHost(webHost, 'evil.example:80')).toBe(421);
    expect(await getWithHost(webHost, `localhost:${webHost.port}`)).toBe(200);
  });

  it('answers a malformed address with 400, before or after the token check, and keeps running', async () => {
    const served = await serveAsProcess();
    const exits: number[] = [];
    served.process.on('exit', (code) => exits.push(code ?? -1));
    expect((await fetch(`${served.url}%E0%A4%A`)).status).toBe(400);
    const malformedChannel = await fetch(`${served.url}api/%E0%A4%A`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(malformedChannel.status).toBe(400);
    expect(await rawStatus(served.port, 'GET http://[/ HTTP/1.1')).toBe(400);
    expect(await rawStatus(served.port, 'GET //[ HTTP/1.1')).toBe(400);
    const status = await fetch(`${served.url}api/vault.status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(await status.json()).toMatchObject({ ok: true, value: { state: 'absent' } });
    expect(exits).toEqual([]);
  });

  it('refuses requests sent by pages on other sites, even with the token', async () => {
    const webHost = await start();
    const post = (headers: Record<string, string>) =>
      fetch(`${webHost.url}api/vault.create`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${webHost.token}`, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ passphrase: PASSPHRASE }),
      });
    expect((await post({ Origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ Origin: 'null' })).status).toBe(403);
    expect((await post({ Origin: `http://127.0.0.1:${webHost.port + 1}` })).status).toBe(403);
    expect((await post({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    const events = await fetch(`${webHost.url}api/events`, {
      headers: { Authorization: `Bearer ${webHost.token}`, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(events.status).toBe(403);
    // None of the refused requests created the vault.
    expect(await (await call(webHost, 'vault.status', {})).json()).toMatchObject({ value: { state: 'absent' } });
    // The host's own page (same origin) and clients that send no Origin (the CLI, curl) are served.
    const sameOrigin = await post({ Origin: webHost.url.slice(0, -1), 'Sec-Fetch-Site': 'same-origin' });
    expect(await sameOrigin.json()).toMatchObject({ ok: true });
    expect(await (await call(webHost, 'vault.status', {})).json()).toMatchObject({ value: { state: 'unlocked' } });
    const typedAddress = await fetch(webHost.url, { headers: { 'Sec-Fetch-Site': 'none' } });
    expect(typedAddress.status).toBe(200);
  });

  it('answers a request body over the limit with 413 and the structured error, not a reset', async () => {
    const webHost = await start();
    const response = await call(webHost, 'vault.status', null, { rawBody: 'x'.repeat(70 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'request too large (at most 64 MB)' },
    });
    expect((await call(webHost, 'vault.status', {})).status).toBe(200);
  });
});
