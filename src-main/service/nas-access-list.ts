import { unconfiguredNas, type NasAccessSummary } from '@contract';

/** FreeRADIUS's secret is used for a NAS exactly when the operator stored none. */
export function markRadiusSecret(
  nas: NasAccessSummary,
  radiusSecrets: ReadonlyMap<string, string>,
): NasAccessSummary {
  return { ...nas, coaSecretFromRadius: !nas.coaSecretSet && radiusSecrets.has(nas.nasIp) };
}

/**
 * The NAS credentials page: what the operator stored, plus every NAS FreeRADIUS holds a
 * secret for. Only the fact that FreeRADIUS has a secret is passed on, never the secret.
 */
export function withRadiusSecrets(
  stored: NasAccessSummary[],
  radiusSecrets: ReadonlyMap<string, string>,
): NasAccessSummary[] {
  const byIp = new Map(stored.map((nas) => [nas.nasIp, nas]));
  for (const nasIp of radiusSecrets.keys()) {
    if (!byIp.has(nasIp)) byIp.set(nasIp, unconfiguredNas(nasIp));
  }
  return [...byIp.values()]
    .map((nas) => markRadiusSecret(nas, radiusSecrets))
    .sort((a, b) => a.nasIp.localeCompare(b.nasIp, 'en', { numeric: true }));
}
