import type { Sql } from 'postgres';

// drizzle sends every statement through postgres.js's `unsafe`, which does not keep prepared
// statements: each statement with parameters then costs two round trips (Parse + Describe, wait,
// then Bind + Execute) and PostgreSQL parses and plans it every time. Measured on POST /send
// (issue 15, strace): 6 writes and 6 reads to the database per voice for 3 statements. With
// `prepare: true` postgres.js prepares each statement once per connection and afterwards sends
// only Bind + Execute: one round trip. Its statement cache lives and dies with its connection
// (connections are recycled after max_lifetime), and it prepares again when PostgreSQL says a
// cached plan no longer fits (after a migration). docs/decisions/prepared-statements.md.

type Unsafe = Sql['unsafe'];
type Callback = (sql: Sql) => unknown;

/** The same postgres.js client, with drizzle's statements prepared once per connection. */
export function withPreparedStatements<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return ((query: string, parameters?: unknown[], options?: object) => {
          // `unsafe(query, options)` is postgres.js's other shape; drizzle always passes parameters.
          if (parameters !== undefined && !Array.isArray(parameters)) return target.unsafe(query, parameters as never);
          return target.unsafe(query, parameters as never[] | undefined, { prepare: true, ...options });
        }) as Unsafe;
      }
      // A transaction and a savepoint hand drizzle a new client: the same rule applies inside.
      if (property === 'begin' || property === 'savepoint') {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const callback = args.pop() as Callback;
          return open.call(target, ...args, (inner: Sql) => callback(withPreparedStatements(inner)));
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
