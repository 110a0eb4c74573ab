// The pages of a connected profile, in the order the top bar's tabs show them.
export const deskPages = [
  'sessions',
  'health',
  'stale',
  'subscriber',
  'nas',
  'audit',
  'automation',
  'database',
] as const;
export type DeskPage = (typeof deskPages)[number];

export const deskPageLabels: Record<DeskPage, string> = {
  sessions: 'Sessions',
  // Short: at 1366 px every tab and the profile switcher fit on one line; each page's
  // heading says it whole ("Sessions per NAS", "Audit log", "Automation API", "Database health").
  health: 'Per NAS',
  stale: 'Stale',
  subscriber: 'Subscriber',
  nas: 'NAS',
  audit: 'Audit',
  automation: 'API',
  database: 'Database',
};
