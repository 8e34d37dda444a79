import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';
import type { SubgraphName } from '../../common/config';

/** One SQL statement a data source sent, after it answered or failed. */
export interface Statement {
  sql: string;
  /** Its first word: select, insert, update, delete, start, commit, rollback, set or with; else other. */
  kind: string;
  outcome: 'ok' | 'error';
  /** What the driver threw, when the outcome is error. */
  error: unknown;
  seconds: number;
}

export type StatementObserver = (statement: Statement) => void;

type Query = (...args: unknown[]) => Promise<unknown>;

const observers = new WeakMap<DataSource, Set<StatementObserver>>();
const hookedRunners = new WeakSet<QueryRunner>();
const tracer = trace.getTracer('channel-graph-sqlite');

function statementKind(sql: string): string {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? 'other';
  return ['select', 'insert', 'update', 'delete', 'start', 'commit', 'rollback', 'set', 'with'].includes(word) ? word : 'other';
}

/**
 * The one instrumentation hook every SQL statement of a data source passes: TypeORM sends each
 * statement through a query runner's `query`, which is wrapped once per runner (SQLite's driver
 * hands out one runner again and again; MySQL's a new one per use). Statements are timed and given
 * to the data source's observers (the subgraph's metrics, tests counting statements); on SQLite
 * each also gets a span (mysql2 has its own OpenTelemetry instrumentation, common/tracing.ts), from
 * a no-op tracer unless tracing is on. Called once by `createDataSource`.
 */
export function hookStatements(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  const spans = dataSource.options.type === 'better-sqlite3';
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    if (hookedRunners.has(runner)) return runner;
    hookedRunners.add(runner);
    const query = runner.query.bind(runner) as Query;
    const observed: Query = async (...args) => {
      const sql = typeof args[0] === 'string' ? args[0] : '';
      const kind = statementKind(sql);
      const started = process.hrtime.bigint();
      const notify = (outcome: Statement['outcome'], error: unknown) => {
        const statement = { sql, kind, outcome, error, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
        for (const observer of observers.get(dataSource) ?? []) observer(statement);
      };
      try {
        const result = await (spans ? inSqliteSpan(sql, kind, () => query(...args)) : query(...args));
        notify('ok', undefined);
        return result;
      } catch (error) {
        notify('error', error);
        throw error;
      }
    };
    (runner as unknown as { query: Query }).query = observed;
    return runner;
  };
}

function inSqliteSpan<T>(sql: string, kind: string, run: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(
    `sqlite ${kind}`,
    { kind: SpanKind.CLIENT, attributes: { 'db.system': 'sqlite', 'db.statement': sql } },
    async (span) => {
      try {
        return await run();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Calls `observer` with every statement the data source sends from now on; the returned function stops it. */
export function observeStatements(dataSource: DataSource, observer: StatementObserver): () => void {
  let set = observers.get(dataSource);
  if (!set) {
    set = new Set();
    observers.set(dataSource, set);
  }
  set.add(observer);
  return () => set.delete(observer);
}

/**
 * The statements these data sources sent while `work` ran, each with its subgraph: tests and
 * `npm run time-operations` count them to show that batching holds (statements do not grow with
 * the rows returned).
 */
export async function captureStatements<T>(
  dataSources: Partial<Record<SubgraphName, DataSource>>,
  work: () => Promise<T>,
): Promise<{ result: T; statements: Array<Statement & { subgraph: SubgraphName }> }> {
  const statements: Array<Statement & { subgraph: SubgraphName }> = [];
  const stops = Object.entries(dataSources).map(([subgraph, dataSource]) =>
    observeStatements(dataSource, (statement) => statements.push({ ...statement, subgraph: subgraph as SubgraphName })),
  );
  try {
    return { result: await work(), statements };
  } finally {
    for (const stop of stops) stop();
  }
}
