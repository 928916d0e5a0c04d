import type { CasebookEvent, EventMap, EventName } from '../../shared/api/contract.js';

/** Main-to-renderer events; each shell forwards them its own way (IPC send, server-sent events). */
export class EventHub {
  private readonly listeners = new Set<(event: CasebookEvent) => void>();

  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    const event = { name, payload } as CasebookEvent;
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: CasebookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
