import pg from 'pg';
import freeradiusSchema from './sql/freeradius-schema.sql?raw';
import panelSchema from './sql/panel-schema.sql?raw';
import seedSql from './sql/seed.sql?raw';
import operatorsSql from '../../sql/session-desk-operators.sql?raw';

/** A pg Pool or Client: the demo only sends whole scripts and parameterised statements. */
export interface SqlRunner {
  query(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** The stock FreeRADIUS schema and the ISP-panel tables, into an empty database. */
export async function loadDemoSchema(db: SqlRunner): Promise<void> {
  await db.query(freeradiusSchema);
  await db.query(panelSchema);
}

/**
 * Fills the schema with the demo ISP (seed.sql): a few thousand subscribers, six NAS, a month
 * of history and the online set. One script, one transaction: a failed seed leaves nothing.
 */
export async function seedDemoIsp(db: SqlRunner): Promise<void> {
  await db.query(seedSql);
}

/** The demo's reseller operator: Norte Conecta's own PostgreSQL role, which may only look. */
export const demoReseller = { role: 'norte_conecta', resellerId: 2, name: 'Norte Conecta' };

/**
 * Session Desk's operators table as a DBA installs it (the loading role, the demo's own,
 * becomes its admin), and a reseller operator for Norte Conecta's tree with sessions.view
 * only. Its login role comes with the cluster (startDemoDatabase), with a password of its
 * own: the demo's role may not create roles.
 */
export async function installDemoOperators(db: SqlRunner): Promise<void> {
  const { role, resellerId } = demoReseller;
  await db.query(operatorsSql);
  await db.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${pg.escapeIdentifier(role)}`);
  await db.query(
    `INSERT INTO session_desk.operators (role_name, user_type, reseller_id, permissions, note)
     VALUES ($1, 'reseller', $2, '{sessions.view}', 'demo: sees its tree, may not disconnect')`,
    [role, resellerId],
  );
}
