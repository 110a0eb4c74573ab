// RFC 5176 §3.6 Error-Cause values, named as the RFC names them, so a Disconnect-NAK reads
// in the words an engineer would search for in the NAS's own logs.
const errorCauseNames: ReadonlyMap<number, string> = new Map([
  [201, 'Residual-Session-Context-Removed'],
  [202, 'Invalid-EAP-Packet'],
  [401, 'Unsupported-Attribute'],
  [402, 'Missing-Attribute'],
  [403, 'NAS-Identification-Mismatch'],
  [404, 'Invalid-Request'],
  [405, 'Unsupported-Service'],
  [406, 'Unsupported-Extension'],
  [407, 'Invalid-Attribute-Value'],
  [501, 'Administratively-Prohibited'],
  [502, 'Request-Not-Routable'],
  [503, 'Session-Context-Not-Found'],
  [504, 'Session-Context-Not-Removable'],
  [505, 'Other-Proxy-Processing-Error'],
  [506, 'Resources-Unavailable'],
  [507, 'Request-Initiated'],
  [508, 'Multiple-Session-Selection-Unsupported'],
]);

/** The RFC 5176 name of an Error-Cause value; unknown values keep their number. */
export function describeErrorCause(code: number): string {
  return errorCauseNames.get(code) ?? `Error-Cause ${code} (not defined by RFC 5176)`;
}
