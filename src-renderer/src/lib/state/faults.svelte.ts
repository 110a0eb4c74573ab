// Errors nobody caught: kept so the page can say something instead of going blank.

export interface Fault {
  message: string;
  at: number;
}

class Faults {
  last = $state.raw<Fault | null>(null);

  report(cause: unknown): void {
    const message = cause instanceof Error ? cause.message : String(cause);
    this.last = { message, at: Date.now() };
  }

  dismiss(): void {
    this.last = null;
  }
}

export const faults = new Faults();
