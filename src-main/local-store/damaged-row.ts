/**
 * Reports a local-store row that no longer validates (edited by hand, disk damage, a bug in
 * an older build). The caller skips or replaces it, so the operator loses one saved item,
 * not the app; the warning in the main-process log says which one and why.
 */
export function warnDamagedRow(what: string, why: string): void {
  console.warn(`Session Desk local store: ${what} is damaged and was ignored (${why}).`);
}
