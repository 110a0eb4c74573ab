import { buildSchema } from 'graphql';

/**
 * The Automation API's schema: the spec's getOnlineSessions exactly (names, types,
 * nullability), its username variant for a database without the panel tables, and the
 * disconnect the spec points to ("Disconnect users by session ID"). README, "Automation API",
 * prints it.
 */
export const schemaText = /* GraphQL */ `
  """
  A date and time in ISO 8601, always in UTC with a "Z", e.g. 2024-01-15T10:30:00Z.
  """
  scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")

  """
  A currently active session: a radacct row with no Accounting-Stop yet.
  """
  type OnlineSession {
    "Unique identifier for the active session (radacct.radacctid)."
    id: ID!
    "RADIUS session identifier (Acct-Session-Id)."
    sessionId: String!
    "IP address of the server handling the connection (the NAS)."
    nasIpAddress: String!
    "Port identifier on the Network Access Server."
    nasPortId: String
    "Type of connection (typically \\"Virtual\\" for VPN)."
    nasPortType: String
    "Timestamp when the session started."
    startTime: DateTime!
    "Protocol being used (WireGuard, OpenConnect, etc.), as the NAS reported it at start."
    connectInfoStart: String
    "MAC address or device identifier."
    callingStationId: String
    "IP address assigned to this session."
    framedIpAddress: String
  }

  type Query {
    """
    All currently active sessions of one user, as they started (oldest first); [] when none.
    userId is the ISP panel's subscribers.id.
    """
    getOnlineSessions(userId: Int!): [OnlineSession!]!
    """
    The same by RADIUS username: what a stock FreeRADIUS database, with no panel
    subscribers table, can answer.
    """
    getOnlineSessionsByUsername(username: String!): [OnlineSession!]!
  }

  "What radacct said once the disconnect had run."
  enum DisconnectResult {
    "The session has its Accounting-Stop: it is disconnected."
    DONE
    "The NAS acknowledged, but radacct still shows the session open."
    STILL_ONLINE
    "No path worked, and the session is still open."
    FAILED
    "Stopped before the NAS confirmed (Session Desk was closing)."
    CANCELLED
  }

  "How Session Desk reaches the NAS: the RouterOS API first, then an RFC 5176 Disconnect-Request."
  enum DisconnectPath {
    ROUTEROS_API
    COA
  }

  enum DisconnectAttemptOutcome {
    "The NAS acknowledged on this path."
    OK
    "Not tried (not set up, or not needed)."
    SKIPPED
    FAILED
    CANCELLED
  }

  type DisconnectAttempt {
    path: DisconnectPath!
    outcome: DisconnectAttemptOutcome!
    "What this path did, in words."
    detail: String!
  }

  """
  One disconnect, as the Disconnect button in Session Desk reports it, and as the audit log
  records it under the token's name.
  """
  type DisconnectOutcome {
    "The session's id (radacct.radacctid)."
    id: ID!
    username: String!
    nasIpAddress: String!
    "The NAS's name in the NAS directory, when it has one."
    nasName: String
    result: DisconnectResult!
    "The path the NAS acknowledged; null when none did."
    path: DisconnectPath
    "One line: what happened, and radacct's word on it."
    message: String!
    "True when radacct shows the session's Accounting-Stop."
    confirmed: Boolean!
    "The Accounting-Stop time, when radacct has one."
    stoppedAt: DateTime
    "Whether radacct still showed the session open; null when it could not be read."
    sessionOpen: Boolean
    "Whether a disconnect request (RouterOS API remove, Disconnect-Request) was sent."
    sent: Boolean!
    "Whether the NAS answered about this session on any path."
    answered: Boolean!
    attempts: [DisconnectAttempt!]!
  }

  type Mutation {
    """
    Disconnects one session through the same pipeline as the Disconnect button, and waits for
    radacct's word (at most about half a minute). Name it by id, or by sessionId when that
    Acct-Session-Id names exactly one open session (otherwise the error lists the candidates'
    ids). The token must be allowed to disconnect.
    """
    disconnectSession(id: ID, sessionId: String): DisconnectOutcome!
  }
`;

export const automationSchema = buildSchema(schemaText);
