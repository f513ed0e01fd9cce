import { useSyncExternalStore } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import type { WizardProgress } from '../../shared/schemas/models';
import { api, toErrorInfo } from '../api';

/**
 * Writes of the wizard's progress to core (`wizard.set` replaces the whole object), one at a time and in order:
 * while one is on its way, only the newest pending value is kept, so the last write always holds the last state
 * even when the user types fast. The queue lives outside the component: leaving the wizard (a sidebar item)
 * must not drop a write, and coming back must read what was written, so a load waits for {@link whenSaved}.
 */

interface SaveState {
  saving: boolean;
  error: ErrorInfo | undefined;
}

let state: SaveState = { saving: false, error: undefined };
let pending: WizardProgress | undefined;
let running: Promise<void> | undefined;
const listeners = new Set<() => void>();

function set(next: Partial<SaveState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

async function drain(): Promise<void> {
  while (pending) {
    const next = pending;
    pending = undefined;
    try {
      await api.wizardSet(next);
      set({ error: undefined });
    } catch (e) {
      set({ error: toErrorInfo(e) });
    }
  }
  running = undefined;
  set({ saving: false });
}

/** Queue `progress` to be stored by core (the newest value wins). */
export function saveProgress(progress: WizardProgress): void {
  pending = progress;
  if (running) return;
  set({ saving: true });
  running = drain();
}

/** Resolves once every queued write has been answered. */
export function whenSaved(): Promise<void> {
  return running ?? Promise.resolve();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Whether a write is on its way, and the last write's error (cleared by the next success). */
export function useSaveState(): SaveState {
  return useSyncExternalStore(subscribe, () => state);
}
