export { Prisma, PrismaClient } from '../generated/client/client.js';
export * from '../generated/client/enums.js';
export type * from '../generated/client/models.js';
export type { default as PrismaTypes } from '../generated/pothos-types.js';
export { getDatamodel } from '../generated/pothos-types.js';
export { isValidBusinessId } from './business-id.js';
export { type Database, type DatabaseKind, type OpenDatabaseOptions, openDatabase } from './client.js';
export { type DatabaseConfig, readDatabaseConfig } from './config.js';
export {
  applyMigrations,
  diffDatabaseToSchema,
  diffMigrationsToSchema,
  listMigrationNames,
  migrationsDir,
  schemaPath,
  writeNextMigration,
} from './migrate/migrations.js';
export { blindIndexPic, decryptPic, encryptPic, formatPic, type PicKeys, validatePic } from './pic.js';
export { loadPicKeys } from './secrets.js';
export type { Sql, SqlResult, SqlSession } from './sql.js';
