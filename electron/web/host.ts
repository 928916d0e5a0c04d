import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { CasebookApp } from '../app.js';
import { CONTENT_SECURITY_POLICY } from '../csp.js';

/**
 * The web host: the built renderer and `POST /api/<channel>` on 127.0.0.1 only,
 * for end-to-end tests and for machines where Electron cannot run. Every API
 * request must carry the per-run token (handed to the browser in the URL
 * fragment, which browsers never send to servers or put in logs).
 */
export interface WebHost {
  url: string;
  /** The address to open, with the token in its fragment. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface WebHostOptions {
  app: CasebookApp;
  rendererDirectory: string;
  port?: number;
  token?: string;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export async function startWebHost({ app, rendererDirectory, port = 0, token }: WebHostOptions): Promise<WebHost> {
  const secret = token ?? randomBytes(32).toString('base64url');
  const root = resolve(rendererDirectory);
  let allowedHosts: Set<string> = new Set();

  const server = createServer((request, response) => {
    setSecurityHeaders(response);
    // Refuse other Host names: a web page elsewhere cannot rebind a domain to this port.
    if (!allowedHosts.has(request.headers.host ?? '')) return sendJson(response, 421, { error: 'wrong host' });
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      if (!hasToken(request, secret)) return sendJson(response, 401, { error: 'missing or wrong token' });
      if (url.pathname === '/api/events' && request.method === 'GET') return streamEvents(app, request, response);
      if (request.method !== 'POST') return sendJson(response, 405, { error: 'use POST' });
      return void handleApi(app, decodeURIComponent(url.pathname.slice('/api/'.length)), request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return sendJson(response, 405, { error: 'method not allowed' });
    return void serveStatic(root, url.pathname, response);
  });
  // Slow or stalled clients must not hold the vault's process open forever.
  server.requestTimeout = 10 * 60_000;

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready());
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);
  const url = `http://127.0.0.1:${actualPort}/`;
  return {
    url,
    openUrl: `${url}#token=${secret}`,
    token: secret,
    port: actualPort,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function hasToken(request: IncomingMessage, secret: string): boolean {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function handleApi(app: CasebookApp, channel: string, request: IncomingMessage, response: ServerResponse) {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(response, 415, { error: 'send application/json' });
  }
  let payload: unknown;
  try {
    const body = await readBody(request);
    payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch (error) {
    const message = error instanceof BodyTooLarge ? 'request too large' : 'request body is not valid JSON';
    return sendJson(response, 400, { ok: false, error: { code: 'invalid_payload', message } });
  }
  sendJson(response, 200, await app.invoke(channel, payload));
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        fail(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => done(Buffer.concat(chunks)));
    request.on('error', fail);
  });
}

function streamEvents(app: CasebookApp, request: IncomingMessage, response: ServerResponse) {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  const unsubscribe = app.events.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
  // A comment line now and then keeps proxies and the browser from timing the stream out.
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
  keepAlive.unref();
  request.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

async function serveStatic(root: string, pathname: string, response: ServerResponse) {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const file = resolve(join(root, relative === '' ? 'index.html' : relative));
  if (file !== root && !file.startsWith(root + sep)) return sendJson(response, 404, { error: 'not found' });
  try {
    const content = await readFile(file);
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    response.end(content);
  } catch {
    sendJson(response, 404, { error: 'not found' });
  }
}

function setSecurityHeaders(response: ServerResponse) {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}
