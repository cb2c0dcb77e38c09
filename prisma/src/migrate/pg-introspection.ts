// The schema engine introspects PostgreSQL's catalogs, whose `"char"` columns (pg_class.
// relkind and friends, type oid 18) @prisma/adapter-pg refuses as an unsupported type. For
// introspection only, a pg client reports those columns as text — pg already parsed their
// values as one-character strings, so nothing else changes.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function reportCharAsText<T>(result: T): T {
  for (const field of (result as QueryResultLike).fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

class IntrospectionClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; this forwards them all unchanged.
  override query(...args: any[]): any {
    // pg.Pool calls query with a trailing callback; direct callers get a promise.
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        last(error, error ? result : reportCharAsText(result));
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const result = (super.query as (...a: any[]) => any)(...args);
    return result && typeof result.then === 'function' ? result.then(reportCharAsText) : result;
  }
}

export function createPgIntrospectionFactory(url: string): PrismaPg {
  return new PrismaPg(new pg.Pool({ connectionString: url, max: 2, Client: IntrospectionClient }));
}
