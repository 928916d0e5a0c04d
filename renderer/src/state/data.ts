import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/api/contract.js';
import { call, errorMessage } from '../api/client.js';
import { useSession } from './session.js';

/**
 * The one way a screen loads and changes what is in the vault.
 *
 * - Load: `useData(channel, input)` asks the contract and keeps the answer in one
 *   store, keyed by channel and input, so two screens showing the same thing share
 *   it. A screen that appears asks again (showing what was cached meanwhile).
 * - Change: `useChange().run(channel, input, { refresh })` calls the contract, shows busy,
 *   error and a confirmation, then asks again for the channels named in `refresh`
 *   wherever they are on screen. Nothing is patched by hand except where a change
 *   returns the very thing a screen shows (`setData`, `updateData`).
 * - Lock: everything read from the vault is dropped from memory.
 */

interface Answer {
  value?: unknown;
  error: string | null;
  loading: boolean;
  /** When the last answer arrived (ms since the epoch), 0 before one has. */
  at: number;
}

interface DataState {
  answers: Record<string, Answer>;
}

const useDataStore = create<DataState>()(() => ({ answers: {} }));

/** An answer this fresh is not asked for again when another screen shows it (a page's parts mounting together). */
const FRESH_MS = 1000;

interface Request {
  channel: ChannelName;
  input: unknown;
}

/** Keys shown on screen now, with how many components show each. */
const inUse = new Map<string, number>();
const requests = new Map<string, Request>();
const inFlight = new Map<string, { ticket: number; promise: Promise<void> }>();
let tickets = 0;
/** Bumped on lock, so an answer to a call made before the lock is not kept. */
let locks = 0;

useSession.subscribe((state, previous) => {
  if (previous.phase === 'unlocked' && state.phase !== 'unlocked') {
    locks += 1;
    inFlight.clear();
    // The requests too: their inputs can hold what was typed (a search, a tag).
    requests.clear();
    useDataStore.setState({ answers: {} }, true);
  }
});

/** Object keys sorted, so `{a, b}` and `{b, a}` are the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, item]) => [key, canonical(item)]),
    );
  }
  return value;
}

function keyOf<C extends ChannelName>(channel: C, input: ChannelInput<C>): string {
  return `${channel} ${JSON.stringify(canonical(input))}`;
}

function setAnswer(key: string, patch: Partial<Answer>): void {
  useDataStore.setState((state) => ({
    answers: {
      ...state.answers,
      [key]: { ...(state.answers[key] ?? { error: null, loading: false, at: 0 }), ...patch },
    },
  }));
}

/** Asks the contract and stores the answer; a newer request for the same key wins over an older one. */
function fetchData<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<void> {
  const key = keyOf(channel, input);
  requests.set(key, { channel, input });
  const ticket = ++tickets;
  const asked = locks;
  const current = () => asked === locks && inFlight.get(key)?.ticket === ticket;
  setAnswer(key, { loading: true });
  const promise = call(channel, input).then(
    (value) => {
      if (current()) setAnswer(key, { value, error: null, loading: false, at: Date.now() });
    },
    (error: unknown) => {
      if (current()) setAnswer(key, { error: errorMessage(error), loading: false, at: Date.now() });
    },
  );
  inFlight.set(key, { ticket, promise });
  void promise.finally(() => {
    if (inFlight.get(key)?.ticket === ticket) inFlight.delete(key);
  });
  return promise;
}

/** Fetches unless an answer is on its way or has just arrived. */
function ensureData<C extends ChannelName>(channel: C, input: ChannelInput<C>): void {
  const key = keyOf(channel, input);
  const answer = useDataStore.getState().answers[key];
  if (inFlight.has(key) || (answer && !answer.error && Date.now() - answer.at < FRESH_MS)) return;
  void fetchData(channel, input);
}

/**
 * After a change: asks again for every cached answer of a channel starting with one
 * of `prefixes` that is on screen, and forgets the ones that are not.
 */
export async function refresh(...prefixes: string[]): Promise<void> {
  const matches = (key: string) => prefixes.some((prefix) => key.startsWith(prefix));
  const asks: Promise<void>[] = [];
  const forgotten: string[] = [];
  for (const key of Object.keys(useDataStore.getState().answers)) {
    if (!matches(key)) continue;
    const request = requests.get(key);
    if (request && (inUse.get(key) ?? 0) > 0) asks.push(fetchData(request.channel, request.input as never));
    else forgotten.push(key);
  }
  if (forgotten.length > 0) {
    useDataStore.setState((state) => {
      const answers = { ...state.answers };
      for (const key of forgotten) delete answers[key];
      return { answers };
    });
  }
  await Promise.all(asks);
}

/** Puts a change's answer where a screen reads it (a change that returns the whole record). */
export function setData<C extends ChannelName>(channel: C, input: ChannelInput<C>, value: ChannelOutput<C>): void {
  setAnswer(keyOf(channel, input), { value, error: null, at: Date.now() });
}

/** Rewrites every cached answer of `channel` (an edited chronology entry, in whichever page holds it). */
export function updateData<C extends ChannelName>(
  channel: C,
  update: (value: ChannelOutput<C>) => ChannelOutput<C>,
): void {
  useDataStore.setState((state) => {
    const answers = { ...state.answers };
    for (const [key, answer] of Object.entries(answers)) {
      if (key.startsWith(`${channel} `) && answer.value !== undefined) {
        answers[key] = { ...answer, value: update(answer.value as ChannelOutput<C>) };
      }
    }
    return { answers };
  });
}

export interface Loaded<T> {
  /** The answer; undefined until the first one arrives (kept while asking again). */
  value: T | undefined;
  /** Why the last ask failed, as a sentence for the person. */
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads `channel` with `input` while the component is on screen; `null` input
 * waits (nothing to ask yet). The input is compared by value, not identity.
 */
export function useData<C extends ChannelName>(channel: C, input: ChannelInput<C> | null): Loaded<ChannelOutput<C>> {
  const [answer] = useDataList(channel, input === null ? [] : [input]);
  return {
    value: answer?.value,
    error: answer?.error ?? null,
    loading: input !== null && (answer?.loading ?? true),
    reload: () => (input === null ? Promise.resolve() : fetchData(channel, input)),
  };
}

/** Several requests to one channel, as many as the screen needs now (the pages of a long list in view). */
export function useDataList<C extends ChannelName>(
  channel: C,
  inputs: readonly ChannelInput<C>[],
): { value: ChannelOutput<C> | undefined; error: string | null; loading: boolean }[] {
  const keys = inputs.map((input) => keyOf(channel, input));
  const answers = useDataStore(useShallow((state) => keys.map((key) => state.answers[key])));
  const latest = useRef(inputs);
  latest.current = inputs;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the keys stand for channel and inputs
  useEffect(() => {
    const asked = latest.current;
    const askedKeys = asked.map((input) => keyOf(channel, input));
    askedKeys.forEach((key, at) => {
      inUse.set(key, (inUse.get(key) ?? 0) + 1);
      ensureData(channel, asked[at] as ChannelInput<C>);
    });
    return () => {
      for (const key of askedKeys) {
        const left = (inUse.get(key) ?? 1) - 1;
        if (left > 0) inUse.set(key, left);
        else inUse.delete(key);
      }
    };
  }, [keys.join('\n')]);

  return answers.map((answer) => ({
    value: answer?.value as ChannelOutput<C> | undefined,
    error: answer?.error ?? null,
    loading: answer?.loading ?? true,
  }));
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface ChangeOptions<T> {
  /** Does what the answer is for, before anything is asked again: puts it where a screen reads it (`setData`), saves a file. */
  apply?: (value: T) => void;
  /** Channel prefixes to ask again once it is done (`'reviews.'`, `'people.list'`). */
  refresh?: string[];
  /** The confirmation to show once it is done ("Factor added."). */
  done?: string | ((value: T) => string);
}

/**
 * Runs changes for one part of a screen: `run(channel, input, options)` calls the
 * contract, with `busy` while it runs, then either `status` (the confirmation) or
 * `error` (why it was refused, raw, so a form can put field issues beside their
 * fields; `message` is it as a sentence). Views never call the contract themselves.
 */
export function useChange() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function run<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
    options: ChangeOptions<ChannelOutput<C>> = {},
  ): Promise<Outcome<ChannelOutput<C>>> {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const value = await call(channel, input);
      options.apply?.(value);
      if (options.refresh?.length) await refresh(...options.refresh);
      if (options.done) setStatus(typeof options.done === 'function' ? options.done(value) : options.done);
      return { ok: true, value };
    } catch (caught) {
      setError(caught);
      return { ok: false, error: caught };
    } finally {
      setBusy(false);
    }
  }

  function clear(): void {
    setError(null);
    setStatus(null);
  }

  return { run, busy, error, message: error === null ? null : errorMessage(error), status, setStatus, clear };
}
