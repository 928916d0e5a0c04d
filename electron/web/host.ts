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
};

export async function startWebHost({ app, rendererDirectory, port = 0, token }: WebHostOptions): Promise<WebHost> {
  const secret = token ?? randomBytes(32).toString('base64url');
  const root = resolve(rendererDirectory);
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    setSecurityHeaders(response);
    // Refuse other Host names: a web page elsewhere cannot rebind a domain to this port.
    if (!allowedHosts.has(request.headers.host ?? '')) return sendJson(response, 421, { error: 'wrong host' });
    // Refuse requests made by pages on other sites, which could otherwise drive the API with a guessed token.
    if (!fromThisSite(request, allowedOrigins)) return sendJson(response, 403, { error: 'cross-site request refused' });
    const pathname = decodedPath(request.url ?? '/');
    if (pathname === null) return sendJson(response, 400, { error: 'malformed address' });
    if (pathname.startsWith('/api/')) {
      if (!hasToken(request, secret)) return sendJson(response, 401, { error: 'missing or wrong token' });
      if (pathname === '/api/events' && request.method === 'GET') return streamEvents(app, request, response);
      if (request.method !== 'POST') return sendJson(response, 405, { error: 'use POST' });
      return handleApi(app, pathname.slice('/api/'.length), request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return sendJson(response, 405, { error: 'method not allowed' });
    return serveStatic(root, pathname, response);
  };

  const server = createServer((request, response) => {
    // No request, however malformed, may end the process or show a stack trace to the client.
    route(request, response).catch((error: unknown) => {
      console.error('casebook web host: a request failed:', error instanceof Error ? error.message : error);
      if (!response.headersSent) {
        sendJson(response, 500, {
          ok: false,
          error: { code: 'internal', message: 'Something went wrong inside Casebook; nothing was changed.' },
        });
      } else response.destroy();
    });
  });
  // Slow or stalled clients must not hold the vault's process open forever.
  server.requestTimeout = 10 * 60_000;

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready());
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));
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

/** The request's path with percent escapes decoded, or null when it is not a valid address. */
function decodedPath(target: string): string | null {
  try {
    return decodeURIComponent(new URL(target, 'http://127.0.0.1').pathname);
  } catch {
    return null;
  }
}

/**
 * Browsers say where a request comes from: `Origin` on POSTs and cross-site
 * requests, `Sec-Fetch-Site` on all of them. Only this host's own pages, the
 * reviewer typing the address (`none`), and clients that send neither (the CLI,
 * curl) may talk to it.
 */
function fromThisSite(request: IncomingMessage, allowedOrigins: Set<string>): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin)) return false;
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
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
  const body = await readBody(request);
  if (body === TOO_LARGE) {
    return sendJson(response, 413, {
      ok: false,
      error: { code: 'invalid_payload', message: `request too large (at most ${MAX_BODY_BYTES / 1024 / 1024} MB)` },
    });
  }
  let payload: unknown;
  try {
    payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return sendJson(response, 400, {
      ok: false,
      error: { code: 'invalid_payload', message: 'request body is not valid JSON' },
    });
  } finally {
    // The raw bytes may hold a passphrase: wipe our copy (the parsed strings are V8's and cannot be).
    body.fill(0);
  }
  sendJson(response, 200, await app.invoke(channel, payload));
}

const TOO_LARGE = Symbol('too large');

/**
 * The body, or TOO_LARGE once it passes the limit. A body too large is still read
 * to its end and thrown away, not kept: closing the connection mid-upload would
 * reach the client as a reset instead of the answer.
 */
function readBody(request: IncomingMessage): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((done, fail) => {
    let chunks: Buffer[] = [];
    let tooLarge = Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_BODY_BYTES) tooLarge = true;
      if (tooLarge) chunks = [];
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const body = tooLarge ? TOO_LARGE : Buffer.concat(chunks);
      for (const chunk of chunks) chunk.fill(0);
      done(body);
    });
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
  const relative = normalize(pathname).replace(/^([/\\])+/, '');
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
