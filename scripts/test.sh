#!/bin/sh
# The test suite: on SQLite always, and on PostgreSQL and MySQL/MariaDB when
# TEST_POSTGRES_URL / TEST_MYSQL_URL name a server (each test file makes its own database there).
set -eu
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH"
export PATH
node scripts/check-databases.ts
exec node --test --test-concurrency=2 --test-timeout=120000 'test/**/*.test.ts'
