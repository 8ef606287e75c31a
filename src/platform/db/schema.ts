/**
 * The Kysely database interface. Platform tables are declared here; each module
 * adds its own tables by augmenting this interface in its `tables.ts`:
 *
 *   declare module "../../platform/db/schema.js" { interface Database { colonias: ColoniaTable } }
 */
import type { ColumnType, Generated } from "kysely";

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string, string>;

export interface SchemaMigrationTable {
  id: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface Database {
  schema_migrations: SchemaMigrationTable;
}
