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
  health: 'Sessions per NAS',
  stale: 'Stale',
  subscriber: 'Subscriber',
  nas: 'NAS',
  audit: 'Audit log',
  // Short: the top bar is full at 1440 px; the page's heading says "Automation API".
  automation: 'API',
  database: 'Database',
};
