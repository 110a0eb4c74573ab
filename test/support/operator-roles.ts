import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import type { Permission, UserType } from '@contract';
import type { DbProfile } from '../../src-main/radius-db';
import { profileFor, withAdmin, type TestDatabase } from './database';

const sqlFolder = resolve(import.meta.dirname, '../../sql');
const password = 'operator-test';

/** What the DBA installs: session_desk.operators (the installer becomes its admin). */
export async function installOperatorsTable(pool: pg.Pool): Promise<void> {
  await pool.query(await readFile(resolve(sqlFolder, 'session-desk-operators.sql'), 'utf8'));
}

/** The optional row-level-security policies on radacct, subscribers and resellers. */
export async function installRowSecurity(pool: pg.Pool): Promise<void> {
  await pool.query(await readFile(resolve(sqlFolder, 'session-desk-row-security.sql'), 'utf8'));
}

/** Its removal script: row security off, policies and functions gone. */
export async function removeRowSecurity(pool: pg.Pool): Promise<void> {
  await pool.query(
    await readFile(resolve(sqlFolder, 'session-desk-row-security-remove.sql'), 'utf8'),
  );
}

export interface OperatorRow {
  userType: UserType;
  resellerId?: number | null;
  /** Left out: the user type's defaults. */
  permissions?: Permission[];
}

/** A row of session_desk.operators, as the README tells the DBA to add one. */
export async function addOperator(pool: pg.Pool, role: string, row: OperatorRow): Promise<void> {
  await pool.query(
    `INSERT INTO session_desk.operators (role_name, user_type, reseller_id, permissions)
     VALUES ($1, $2, $3, $4)`,
    [role, row.userType, row.resellerId ?? null, row.permissions ?? []],
  );
}

/**
 * PostgreSQL roles for one test file, named uniquely (roles are cluster-wide, and test files
 * run side by side), each allowed to log in and read the test databases' tables. drop()
 * removes them; drop the databases first, which takes their grants with them.
 */
export function operatorRoles(): {
  /** Creates a role that may read `databases`; its profile is for the first of them. */
  create(label: string, databases: TestDatabase[]): Promise<{ role: string; profile: DbProfile }>;
  drop(): Promise<void>;
} {
  const prefix = `sd_${process.pid}_${randomBytes(3).toString('hex')}`;
  const created: string[] = [];
  return {
    async create(label, databases) {
      const role = `${prefix}_${label.replace(/\W/g, '_')}`.toLowerCase();
      await withAdmin((admin) =>
        admin.query(
          `CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${pg.escapeLiteral(password)}`,
        ),
      );
      created.push(role);
      for (const database of databases) {
        await database
          .pool()
          .query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${pg.escapeIdentifier(role)}`);
      }
      const profile = { ...profileFor(databases[0]!.profile.database), user: role, password };
      return { role, profile };
    },
    async drop() {
      await withAdmin(async (admin) => {
        for (const role of created.splice(0)) {
          await admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
        }
      });
    },
  };
}
