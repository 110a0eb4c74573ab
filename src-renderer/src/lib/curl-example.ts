// The spec's curl command with this server's address and a real token: what the Automation
// API page offers to copy right after a token is made, to try it as printed.
export function curlExample(endpoint: string, token: string): string {
  const query =
    'query getOnlineSessions($userId: Int!) { getOnlineSessions(userId: $userId) { id sessionId nasIpAddress startTime framedIpAddress connectInfoStart } }';
  return [
    `curl -X POST ${endpoint} \\`,
    '  -H "Content-Type: application/json" \\',
    `  -H "Authorization: Bearer ${token}" \\`,
    "  -d '{",
    `    "query": "${query}",`,
    '    "variables": {',
    '      "userId": 12345',
    '    }',
    "  }'",
  ].join('\n');
}
