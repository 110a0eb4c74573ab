import type { EventName, Events } from '@contract';
import type { DispatchLog } from './dispatch';

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

/** Main's pushed events: the core emits, each transport (IPC, loopback socket) listens. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly log: DispatchLog) {}

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // A closed window or socket must not stop the others from hearing.
        this.log.error(`delivering ${event} failed`, error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
