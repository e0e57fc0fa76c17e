import { createRequire } from 'node:module';

type Pg = typeof import('pg').default;

let loaded: Pg | undefined;

/** The PostgreSQL driver, loaded on first use: a node on SQLite or MySQL never needs it. */
export function loadPg(): Pg {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('pg') as Pg;
    // COUNT(*) and BIGINT come back from pg as strings; our ids and counts fit in a double.
    loaded.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));
  }
  return loaded;
}
