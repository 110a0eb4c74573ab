import { F, type OnlineSession } from '@contract';

/** One session as the spec's getOnlineSessions returns it, field for field. */
export interface ApiOnlineSession {
  /** radacct.radacctid */
  id: string;
  /** Acct-Session-Id */
  sessionId: string;
  nasIpAddress: string;
  nasPortId: string | null;
  nasPortType: string | null;
  /** ISO 8601 in UTC with a "Z"; null only for a row radacct holds no time for at all. */
  startTime: string | null;
  connectInfoStart: string | null;
  callingStationId: string | null;
  framedIpAddress: string | null;
}

/**
 * The subscriber page's online session in the spec's names. FreeRADIUS always writes a
 * start time (an Interim-Update without a Start gets one computed); a row written by other
 * hands without one shows when radacct last heard of it.
 */
export function apiOnlineSession({
  session,
  nasPortId,
  nasPortType,
  connectInfoStart,
  lastHeardAt,
}: OnlineSession): ApiOnlineSession {
  return {
    id: session[F.id],
    sessionId: session[F.acctSessionId],
    nasIpAddress: session[F.nasIp],
    nasPortId,
    nasPortType,
    startTime: session[F.startTime] ?? lastHeardAt,
    connectInfoStart,
    callingStationId: session[F.mac],
    // The spec has one address field and no prefix fields: an IPv6-only session answers with
    // its framed IPv6 address (an IP address assigned to it, as the field says); prefixes
    // are networks, not an address, and no field of the spec's may carry them.
    framedIpAddress: session[F.framedIp] ?? session[F.framedIpv6Address],
  };
}
