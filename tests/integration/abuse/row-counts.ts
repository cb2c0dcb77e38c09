// Rows per table in the public schema: two equal snapshots mean nothing was written
// (nor deleted) in between, whichever table a refused request might have touched.
import type { PrismaClient } from '@lupa/db';

export async function countRowsPerTable(prisma: PrismaClient): Promise<Record<string, number>> {
  const tables = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>(
      `SELECT count(*) AS n FROM "${table_name.replaceAll('"', '""')}"`,
    );
    counts[table_name] = Number(row?.n ?? 0);
  }
  return counts;
}
