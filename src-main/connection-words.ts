import type { ConnectionState } from '@contract';
import { sentences } from './sentences';

/**
 * One line for browser mode's console: which profile is open and whether its database
 * answered, so a host with no screen knows what the API will answer from.
 */
export function connectionWords(connection: ConnectionState): string {
  switch (connection.kind) {
    case 'none':
      return (
        'No profile is open: create one in the page, or start with ' +
        '--database-url postgres://USER@HOST:PORT/DATABASE (or --profile NAME).'
      );
    case 'connected': {
      const tables = connection.schema.panelTables ? 'FreeRADIUS + panel tables' : 'FreeRADIUS';
      return `Profile "${connection.profileName}": connected (${tables}) as role "${connection.operator.role}".`;
    }
    case 'lost':
      return sentences(
        `Profile "${connection.profileName}": the database does not answer yet: ${connection.error.message}`,
        'Session Desk keeps trying on every request',
      );
  }
}
