// Prisma CLI configuration. Lupa never lets the CLI reach a database: migrations run
// through the WebAssembly schema engine (src/migrate), so no datasource URL is needed here.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
});
