import type {
  CasebookEvent,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventMap,
  EventName,
} from '../../../shared/api/contract.js';
import { CasebookError } from '../../../shared/api/errors.js';
import { getBridge } from './bridge.js';

/**
 * The typed client every view uses. A `{ ok: false }` answer becomes a thrown
 * `CasebookError` with the server's code and plain message.
 */

const lockedListeners = new Set<() => void>();

/** Called whenever any call is refused because the vault is locked (e.g. the idle lock fired while the stream was down). */
export function onLockedError(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await getBridge().invoke(channel, input);
  if (result.ok) return result.value as ChannelOutput<C>;
  const { code, message, issues } = result.error;
  if (code === 'locked') {
    for (const listener of lockedListeners) listener();
  }
  throw new CasebookError(code, message, issues);
}

export function onEvent(listener: (event: CasebookEvent) => void): () => void {
  return getBridge().subscribe(listener);
}

/** Convenience: listen to one named event with its typed payload. */
export function onNamedEvent<E extends EventName>(name: E, listener: (payload: EventMap[E]) => void): () => void {
  return onEvent((event) => {
    if (event.name === name) listener(event.payload as EventMap[E]);
  });
}

/** The message to show a person for anything a call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof CasebookError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
