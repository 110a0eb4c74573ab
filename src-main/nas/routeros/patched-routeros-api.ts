import * as nodeRouterOs from 'node-routeros';

/**
 * node-routeros as patched at install (patches/node-routeros+1.6.9.patch): words travel as
 * UTF-8 bytes, and `!empty` replies no longer throw inside the socket handler. An
 * unpatched copy (e.g. installed with --ignore-scripts) would crash the app on RouterOS
 * 7.18+, so refuse it loudly instead.
 */
const patchMarker: unknown = (nodeRouterOs as Record<string, unknown>).sessionDeskPatch;
if (patchMarker !== 'utf8-words+empty-reply') {
  throw new Error(
    'node-routeros is installed without its Session Desk patch: run "npm install" again ' +
      '(it applies patches/ through patch-package).',
  );
}

export const RouterOSAPI = nodeRouterOs.RouterOSAPI;
export type RouterOSAPI = nodeRouterOs.RouterOSAPI;
