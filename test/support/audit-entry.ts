import type { AuditEntry } from '@contract';

/** One disconnect as the pipeline would record it; change what the test is about. */
export function auditEntry(
  overrides: Partial<Omit<AuditEntry, 'id'>> = {},
): Omit<AuditEntry, 'id'> {
  return {
    at: '2026-11-21T10:00:00.000Z',
    osUser: 'noc1',
    dbRole: 'radius',
    action: 'disconnect',
    username: 'alice@isp.example',
    nasIp: '127.0.10.1',
    acctSessionId: '81a00001',
    radacctId: '42',
    path: 'routeros-api',
    result: 'done',
    detail:
      'Disconnected alice@isp.example on 127.0.10.1 via RouterOS API (Accounting-Stop at 10:00:01).',
    runId: null,
    userType: 'support',
    resellerId: 7,
    resellerName: 'Norte Conecta',
    apiToken: null,
    ...overrides,
  };
}
