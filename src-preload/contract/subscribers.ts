import { z } from 'zod';
import { radacctIdSchema } from './radacct-id';
import type { SessionRow } from './sessions';
import { operatorText, requiredText } from './text';

export const subscriberDetailInputSchema = z.strictObject({
  username: requiredText('Username', 253),
});

/** "Find subscriber" as typed: any part of a username or full name, any case. */
export const subscriberSuggestInputSchema = z.strictObject({
  text: operatorText('Find subscriber text', 253),
});

/** The most matches "Find subscriber" lists under the box. */
export const subscriberSuggestionLimit = 8;

export interface SubscriberSuggestion {
  username: string;
  /** From the panel tables; null without them. */
  fullName: string | null;
}

/** How many past sessions the detail lists, newest first. */
export const subscriberHistoryLength = 50;

/** Who the username is, as far as the panel tables tell; all null without them. */
export interface SubscriberIdentity {
  username: string;
  fullName: string | null;
  service: string | null;
  reseller: string | null;
  /** The panel's subscribers table lists this username. */
  inPanel: boolean;
}

/** One open session with every field of the online-sessions query. */
export interface OnlineSession {
  /** id, session id, NAS IP and name, start, calling-station-id, framed IP, duration, bytes. */
  session: SessionRow;
  nasPortId: string | null;
  nasPortType: string | null;
  connectInfoStart: string | null;
  /** The latest Start or Interim-Update radacct holds (ISO 8601). */
  lastHeardAt: string | null;
  /**
   * The stale rule (stale.ts) flags it: probably a session the NAS lost. A NAS that rebooted
   * without Accounting-Off leaves exactly these, and they count against Simultaneous-Use.
   */
  stale: boolean;
}

/** Simultaneous-Use and where it came from. */
export interface SessionLimit {
  /** null: no Simultaneous-Use applies, any number of sessions is allowed. */
  limit: number | null;
  source: 'user' | 'group' | null;
  /** The group whose radgroupcheck row gave the limit. */
  group: string | null;
  open: number;
  /** Open sessions that are stale (counted in open). */
  stale: number;
  over: boolean;
}

export const accountStates = ['active', 'deactivated', 'expired'] as const;
export type AccountStateKind = (typeof accountStates)[number];

export interface AccountState {
  state: AccountStateKind;
  /** The Expiration check item as radcheck holds it, and when it is (ISO) if readable. */
  expiration: { raw: string; at: string | null } | null;
  /** Words for the operator, e.g. "Auth-Type := Reject in radcheck". */
  reason: string;
}

export type DiagnosisTone = 'ok' | 'warning' | 'danger';

/** The troubleshooting flow's answer in one line. */
export interface Diagnosis {
  tone: DiagnosisTone;
  text: string;
}

export interface SubscriberDetail {
  identity: SubscriberIdentity;
  online: OnlineSession[];
  limit: SessionLimit;
  account: AccountState;
  /** The last sessions (open ones included), newest first. */
  history: SessionRow[];
  diagnosis: Diagnosis;
  /** The profile's stale threshold (stale.ts). */
  staleAfterSeconds: number;
  /** When the database answered (its clock, ISO 8601). */
  readAt: string;
}

/** A moment as ISO 8601 with an offset (the renderer converts the local time it shows). */
const momentSchema = operatorText('Time', 40).refine(
  (value) => /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)),
  { error: 'Give a date and time, e.g. 2026-11-21T10:00.' },
);

export const whoHadInputSchema = z.strictObject({
  /** An IPv4 / IPv6 address or a MAC address (any of the usual separators). */
  address: requiredText('Address', 64),
  at: momentSchema,
});

/** The most sessions "who had this address" lists. */
export const whoHadLimit = 20;

export interface WhoHadResult {
  address: string;
  kind: 'ip' | 'mac';
  at: string;
  /** Sessions whose [start, stop — or now) contains the moment, latest start first. */
  sessions: SessionRow[];
}

export const pingInputSchema = z.strictObject({ radacctId: radacctIdSchema });

export interface PingReport {
  /** The session's framed IP. */
  framedIp: string;
  /** The address actually pinged: the framed IP, or loopback in the demo. */
  target: string;
  sent: number;
  received: number;
  lossPercent: number;
  /** Round-trip times in ms; null when nothing came back. */
  rtt: { min: number; avg: number; max: number } | null;
  /** One line, e.g. "3/3 replies, 0% loss, rtt 0.04/0.05/0.07 ms". */
  summary: string;
}

/** One hop of a traceroute, as the system tool printed it (one probe per hop). */
export interface TracerouteHop {
  hop: number;
  /** null: no answer from this hop ("*"). */
  address: string | null;
  rttMs: number | null;
}

/** A traceroute of a session's framed IP: hops arrive in `traceroute.progress` events. */
export interface TracerouteView {
  traceId: number;
  framedIp: string;
  /** The address actually traced: the framed IP, or loopback in the demo. */
  target: string;
  hops: TracerouteHop[];
  state: 'running' | 'done' | 'failed';
  /** Why it failed, in words; null unless failed. */
  failure: string | null;
}
