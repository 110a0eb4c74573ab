// Short notes about things the operator did (a disconnect's outcome), stacked in a corner.
// Good news fades by itself; bad news stays until the operator has read it and closed it.

export type ToastTone = 'success' | 'warning' | 'danger';

/** A button on a toast; pressing it closes the toast. */
export interface ToastAction {
  label: string;
  testid: string;
  run: () => void;
}

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail: string | null;
  actions: readonly ToastAction[];
}

/** How long a success stays on screen. */
const successMs = 8_000;
/** More than this and the oldest go: a bulk of single disconnects must not fill the screen. */
const mostShown = 5;

export class Toasts {
  shown = $state.raw<readonly Toast[]>([]);
  #nextId = 1;

  show(toast: Omit<Toast, 'id' | 'actions'> & { actions?: readonly ToastAction[] }): number {
    const id = this.#nextId++;
    this.shown = [...this.shown, { actions: [], ...toast, id }].slice(-mostShown);
    if (toast.tone === 'success') setTimeout(() => this.dismiss(id), successMs);
    return id;
  }

  dismiss(id: number): void {
    this.shown = this.shown.filter((toast) => toast.id !== id);
  }
}
