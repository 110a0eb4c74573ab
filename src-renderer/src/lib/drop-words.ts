// How a drop alert reads on screen.
import type { DropAlert } from '@contract';
import { formatCount, formatLocalTime } from './format';

export function dropHeadline(alert: DropAlert): string {
  const nas = alert.nasName ?? alert.nasIp;
  switch (alert.kind) {
    case 'nas-rebooted':
      return `${nas} rebooted`;
    case 'mass-end':
      return `${nas}: many sessions ended at once`;
    case 'sessions-lost':
      return `${nas} lost ${Math.round(((alert.before - alert.after) * 100) / Math.max(1, alert.before))}% of its sessions`;
  }
}

/** "184 sessions ended at 03:12:05 (NAS-Reboot ×184); online 184 → 0." */
export function dropDetail(alert: DropAlert): string {
  const when =
    alert.from === alert.to
      ? `at ${formatLocalTime(alert.from)}`
      : `between ${formatLocalTime(alert.from)} and ${formatLocalTime(alert.to).slice(11)}`;
  const cause = alert.cause ? ` (${alert.cause} ×${formatCount(alert.causeCount)})` : '';
  return (
    `${formatCount(alert.ended)} sessions ended ${when}${cause}; ` +
    `online ${formatCount(alert.before)} → ${formatCount(alert.after)}.`
  );
}
