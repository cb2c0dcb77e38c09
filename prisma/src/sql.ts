// Plain SQL beside Prisma, on the same connections (the same pg pool, the same PGlite), for
// the few statements on every request's path where Prisma's own cost per call would
// dominate: measured here at ≈1 ms of CPU for a raw statement through the client against
// ≈0.1 ms through the pg driver. Everything else goes through Prisma.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';

export interface SqlResult<T> {
  rows: T[];
  /** Rows an INSERT, UPDATE or DELETE touched. */
  affected: number;
}

export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<T>>;
}

export interface Sql extends SqlSession {
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T>;
}

type OnQuery = ((sql: string) => void) | undefined;

export function poolSql(pool: pg.Pool, onQuery: OnQuery): Sql {
  const session = (client: pg.Pool | pg.PoolClient): SqlSession => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      onQuery?.(sql);
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as T[], affected: result.rowCount ?? 0 };
    },
  });
  return {
    ...session(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(session(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A connection that cannot even roll back is broken: the pool must not reuse it.
        const broken = await client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: Error) => rollbackError,
        );
        client.release(broken);
        throw error;
      }
    },
  };
}

export function pgliteSql(db: PGlite, onQuery: OnQuery): Sql {
  const session = (target: PGlite | Transaction): SqlSession => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      onQuery?.(sql);
      const result = await target.query<T>(sql, params as unknown[]);
      return { rows: result.rows, affected: result.affectedRows ?? 0 };
    },
  });
  return {
    ...session(db),
    transaction: (work) => db.transaction((tx) => work(session(tx))),
  };
}
