import type { DataSource } from 'typeorm';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { StoreConfig } from '../../common/config';
import { classifyDatabaseError } from '../../common/database-errors';
import type { Logger } from '../../common/logger';
import { LATENCY_BUCKETS, type ServiceMetrics } from '../../common/metrics';
import { createDataSource, ensureDatabase, type StoreDefinition } from './data-source';
import { observeStatements } from './statements';

export interface DatabaseStatus {
  ok: boolean;
  detail?: string;
}

/** mysql2's pool (callback API, as TypeORM holds it): sizes read for the pool gauges. */
interface Mysql2Pool {
  _allConnections?: { length: number; toArray?: () => Array<{ query(sql: string, cb: (error: unknown) => void): void }> };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
  on(event: 'connection', listener: (connection: { query(sql: string, cb: (error: unknown) => void): void }) => void): void;
}

interface DbMetrics {
  seconds: Histogram<'statement' | 'outcome'>;
  failures: Counter<'kind'>;
}

function mysqlPool(dataSource: DataSource): Mysql2Pool | null {
  if (dataSource.options.type !== 'mysql') return null;
  return (dataSource.driver as unknown as { pool?: Mysql2Pool }).pool ?? null;
}

/**
 * Per-session statement timeout on MariaDB (`max_statement_time`, seconds, every statement) or
 * MySQL (`max_execution_time`, milliseconds, SELECT only), set on every pooled connection, including
 * those the pool opens later (after a database restart). SQLite has no such setting: not applied.
 */
async function applyStatementTimeout(dataSource: DataSource, timeoutMs: number, logger: Logger): Promise<void> {
  const pool = mysqlPool(dataSource);
  if (!pool || timeoutMs <= 0) return;
  const [row] = await dataSource.query<Array<{ version: string }>>('SELECT VERSION() AS version');
  const statement = /mariadb/i.test(row?.version ?? '')
    ? `SET SESSION max_statement_time = ${(timeoutMs / 1000).toFixed(3)}`
    : `SET SESSION max_execution_time = ${Math.round(timeoutMs)}`;
  const apply = (connection: { query(sql: string, cb: (error: unknown) => void): void }) =>
    connection.query(statement, (error) => {
      if (error) logger.warn({ err: error }, 'could not set the statement timeout on a connection');
    });
  pool.on('connection', apply);
  for (const connection of pool._allConnections?.toArray?.() ?? []) apply(connection);
}

/**
 * A subgraph's database: connects in the background with retries and backoff (the service starts
 * and answers /health even when the database is late; /ready says not yet), instruments statements
 * for /metrics, sets the statement timeout, and reports its state for /ready.
 */
export class SubgraphDatabase {
  private connected: boolean;
  private lastError: string | null = null;
  private attempts = 0;
  private closed = false;
  private wakeUp: (() => void) | null = null;
  private stopObservingStatements: (() => void) | null = null;
  readonly ready: Promise<void>;

  private constructor(
    readonly dataSource: DataSource,
    private readonly owned: boolean,
    private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
    private readonly statementTimeoutMs: number,
    connect: (() => Promise<void>) | null,
  ) {
    this.connected = connect === null;
    this.registerMetrics();
    this.ready = connect ? this.connectWithRetry(connect) : this.prepare();
  }

  /** A data source opened by the caller (the one-process stack, tests): used as it is, not closed here. */
  static adopt(dataSource: DataSource, options: { logger: Logger; metrics: ServiceMetrics; statementTimeoutMs: number }): SubgraphDatabase {
    return new SubgraphDatabase(dataSource, false, options.logger, options.metrics, options.statementTimeoutMs, null);
  }

  /** Opens the subgraph's own database, retrying until it answers (or `close()` is called). */
  static open(
    store: StoreConfig,
    definition: StoreDefinition,
    options: { runMigrations: boolean; logger: Logger; metrics: ServiceMetrics; statementTimeoutMs: number },
  ): SubgraphDatabase {
    const dataSource = createDataSource(store, definition);
    const connect = async () => {
      await ensureDatabase(store, definition.subgraph);
      await dataSource.initialize();
      if (options.runMigrations) await dataSource.runMigrations({ transaction: 'each' });
    };
    return new SubgraphDatabase(dataSource, true, options.logger, options.metrics, options.statementTimeoutMs, connect);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** For /ready: connected and answering `SELECT 1`. */
  async status(): Promise<DatabaseStatus> {
    if (!this.connected) {
      return {
        ok: false,
        detail: `not connected yet (attempt ${this.attempts}${this.lastError ? `, last error: ${this.lastError}` : ''})`,
      };
    }
    try {
      await this.dataSource.query('SELECT 1');
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: classifyDatabaseError(error) ? 'database unavailable' : (error as Error).message };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeUp?.();
    await this.ready.catch(() => undefined);
    this.stopObservingStatements?.();
    if (this.owned && this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** Times every statement by kind and outcome, and counts database failures by kind, for /metrics. */
  private async prepare(): Promise<void> {
    const metrics = this.dbMetrics!;
    this.stopObservingStatements = observeStatements(this.dataSource, ({ kind, outcome, error, seconds }) => {
      metrics.seconds.observe({ statement: kind, outcome }, seconds);
      if (outcome === 'error') metrics.failures.inc({ kind: classifyDatabaseError(error) ?? 'other' });
    });
    await applyStatementTimeout(this.dataSource, this.statementTimeoutMs, this.logger);
  }

  private async connectWithRetry(connect: () => Promise<void>): Promise<void> {
    for (let delay = 250; !this.closed; delay = Math.min(delay * 2, 5_000)) {
      this.attempts += 1;
      try {
        await connect();
        await this.prepare();
        this.connected = true;
        this.lastError = null;
        this.logger.info({ attempts: this.attempts }, 'database connected');
        return;
      } catch (error) {
        this.lastError = classifyDatabaseError(error) ? 'database unavailable' : (error as Error).message;
        if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
        this.logger.warn({ err: error, attempt: this.attempts, retryInMs: delay }, 'database not reachable yet; retrying');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = null;
      }
    }
  }

  private dbMetrics: DbMetrics | null = null;

  private registerMetrics(): void {
    const registers = [this.metrics.registry];
    this.dbMetrics = {
      seconds: new Histogram({
        name: 'db_query_duration_seconds',
        help: 'SQL statement latency by statement kind (select, insert, …) and outcome',
        labelNames: ['statement', 'outcome'],
        buckets: LATENCY_BUCKETS,
        registers,
      }),
      failures: new Counter({
        name: 'db_query_failures_total',
        help: 'Failed SQL statements by kind: unavailable (connection lost/refused), timeout (statement timeout), other',
        labelNames: ['kind'],
        registers,
      }),
    };
    const connected: Gauge = new Gauge({
      name: 'db_connected',
      help: '1 when the subgraph is connected to its database, 0 while it is (re)trying',
      registers,
      collect: () => {
        connected.set(this.connected ? 1 : 0);
      },
    });
    const poolConnections: Gauge<'state'> = new Gauge({
      name: 'db_pool_connections',
      help: 'mysql2 pool: connections open (total), idle (free), requests waiting for one (queued), and the limit; absent on SQLite',
      labelNames: ['state'],
      registers,
      collect: () => {
        const pool = this.connected ? mysqlPool(this.dataSource) : null;
        if (!pool) return;
        poolConnections.set({ state: 'total' }, pool._allConnections?.length ?? 0);
        poolConnections.set({ state: 'free' }, pool._freeConnections?.length ?? 0);
        poolConnections.set({ state: 'queued' }, pool._connectionQueue?.length ?? 0);
        poolConnections.set({ state: 'limit' }, pool.config?.connectionLimit ?? 0);
      },
    });
  }
}
