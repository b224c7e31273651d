import { EventEmitter } from 'node:events';

/**
 * A counter bumped by every change of the published data (import, edit, duplicate
 * cleanup). Caches put it in their keys, so a bump invalidates them at once. With Redis,
 * bumps are also broadcast to the other processes (see `generation-sync.ts`).
 */
export class DataGeneration extends EventEmitter {
  private current = 0;

  get value(): number {
    return this.current;
  }

  /** Marks the data as changed in this process and notifies the listeners. */
  bump(reason: string, fromRemote = false): void {
    this.current += 1;
    this.emit('change', { reason, fromRemote, value: this.current });
  }
}
