import * as nodeRouterOs from 'node-routeros';

export const RouterOSAPI = nodeRouterOs.RouterOSAPI;
export type RouterOSAPI = nodeRouterOs.RouterOSAPI;

/**
 * node-routeros must run as patched at install (patches/node-routeros+1.6.9.patch): words
 * travel as UTF-8 bytes, `!empty` replies no longer throw inside the socket handler, a
 * reply split across TCP reads is no longer lost, and socket errors keep their code.
 * An unpatched copy (e.g. installed with --ignore-scripts) would take the app down on
 * RouterOS 7.18+, so refuse to use it; the disconnect can still fall back to CoA.
 */
export function assertRouterOsApiPatched(): void {
  const marker: unknown = (nodeRouterOs as Record<string, unknown>).sessionDeskPatch;
  if (marker !== 'utf8-words+empty-reply+split-reads+error-codes') {
    throw new Error(
      'node-routeros is installed without its Session Desk patch: run "npm install" again ' +
        '(it applies patches/ through patch-package).',
    );
  }
}
