import type { SubscriberSettings } from '../service/subscriber-handlers';

// The demo's framed IPs are made-up CGNAT addresses that may route somewhere real: in the
// demo every Ping goes to loopback instead, and the page says which address it pinged.

/** Set by the demo for the desktop app it launches (a separate Electron process). */
export const demoPingEnv = 'SESSION_DESK_DEMO_PING_LOOPBACK';

export const demoSubscriberSettings: SubscriberSettings = { pingTarget: () => '127.0.0.1' };

/** The demo's settings when the launching demo asked for them, otherwise none. */
export function subscriberSettingsFromEnv(env: NodeJS.ProcessEnv): SubscriberSettings | undefined {
  return env[demoPingEnv] === '1' ? demoSubscriberSettings : undefined;
}
