import freeradiusSchema from './sql/freeradius-schema.sql?raw';
import panelSchema from './sql/panel-schema.sql?raw';
import seedSql from './sql/seed.sql?raw';

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
