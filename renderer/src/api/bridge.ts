import type { CasebookBridge, CasebookEvent } from '../../../shared/api/contract.js';
import type { ApiResult } from '../../../shared/api/errors.js';

/**
 * Picks the transport. In the Electron shell the preload exposes `window.casebook`;
 * in a browser (the loopback web host) we speak HTTP with the per-run token that
 * `casebook serve` put in the URL fragment.
 */

declare global {
  interface Window {
    casebook?: CasebookBridge;
  }
}

export const TOKEN_STORAGE_KEY = 'casebook.token';

/** Thrown by the web transport when the host answers 401: this tab does not hold the run's token. */
export class UnauthorisedError extends Error {
  constructor() {
    super('This browser tab is not authorised.');
    this.name = 'UnauthorisedError';
  }
}

type Listener = (event: CasebookEvent) => void;

const unauthorisedListeners = new Set<() => void>();

/** Called when the web host refuses this tab's token (never in Electron). */
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

function reportUnauthorised(): void {
  for (const listener of unauthorisedListeners) listener();
}

/** Reads `#token=...` once, keeps it for this tab only and removes it from the address bar. */
export function takeTokenFromLocation(): string | null {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }
  return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

function unreachable(detail: string): ApiResult<unknown> {
  return {
    ok: false,
    error: { code: 'internal', message: `Casebook did not answer (${detail}). Is \`casebook serve\` still running?` },
  };
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

class WebBridge implements CasebookBridge {
  readonly #token: string | null;
  readonly #listeners = new Set<Listener>();
  #stream: AbortController | null = null;

  constructor(token: string | null) {
    this.#token = token;
  }

  #headers(): Record<string, string> {
    return this.#token ? { Authorization: `Bearer ${this.#token}` } : {};
  }

  async invoke(channel: string, payload: unknown): Promise<ApiResult<unknown>> {
    let response: Response;
    try {
      response = await fetch(`api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...this.#headers() },
        body: JSON.stringify(payload ?? {}),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      return unreachable(error instanceof Error ? error.message : 'network error');
    }
    if (response.status === 401) {
      reportUnauthorised();
      throw new UnauthorisedError();
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return unreachable(`HTTP ${response.status} without a readable answer`);
    }
    return isApiResult(body) ? body : unreachable(`HTTP ${response.status} with an unexpected answer`);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (!this.#stream) {
      this.#stream = new AbortController();
      void this.#run(this.#stream.signal);
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#stream?.abort();
        this.#stream = null;
      }
    };
  }

  #emit(event: CasebookEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** Keeps one event stream open, reconnecting with exponential backoff when it drops. */
  async #run(signal: AbortSignal): Promise<void> {
    let backoff = MIN_BACKOFF_MS;
    while (!signal.aborted) {
      try {
        const response = await fetch('api/events', {
          headers: { Accept: 'text/event-stream', ...this.#headers() },
          cache: 'no-store',
          credentials: 'omit',
          signal,
        });
        if (response.status === 401) {
          reportUnauthorised();
          return;
        }
        if (response.ok && response.body) {
          backoff = MIN_BACKOFF_MS;
          await this.#read(response.body, signal);
        }
      } catch {
        // Dropped or refused: fall through to the backoff below.
      }
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  async #read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const abort = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', abort, { once: true });
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          this.#dispatch(buffer.slice(0, boundary));
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf('\n\n');
        }
      }
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }

  #dispatch(block: string): void {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (!data) return; // a comment or keep-alive
    try {
      const parsed = JSON.parse(data) as unknown;
      if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && 'payload' in parsed) {
        this.#emit(parsed as CasebookEvent);
      }
    } catch {
      // Ignore a malformed event rather than drop the stream.
    }
  }
}

let bridge: CasebookBridge | undefined;

export function getBridge(): CasebookBridge {
  bridge ??= window.casebook ?? new WebBridge(takeTokenFromLocation());
  return bridge;
}
