import { execute, parse, type GraphQLSchema } from 'graphql';
import type { DataSource, QueryRunner } from 'typeorm';
import type { SubgraphName } from '../common/config';
import type { Identity } from '../common/identity';
import { subgraphs } from '../subgraphs';
import type { Caller } from '../subgraphs/kit/auth';
import type { PeerAnswer, SubgraphPeers } from '../subgraphs/kit/subgraph';
import type { WriteSettings } from '../subgraphs/kit/writes/writer';
import type { CustomersContext } from '../subgraphs/customers/context';
import type { LicencesContext } from '../subgraphs/licences/context';
import type { PartnersContext } from '../subgraphs/partners/context';
import type { ProgramsContext } from '../subgraphs/programs/context';

/** Rows carry no idempotency keys (a re-import is idempotent by the rows' own ids), so the keys' lifetime never applies. */
const IMPORT_WRITES: WriteSettings = { idempotencyKeyHours: 24 };

export interface SubgraphContexts {
  partners: PartnersContext;
  programs: ProgramsContext;
  licences: LicencesContext;
  customers: CustomersContext;
}

/**
 * A data source whose every read and write goes through one open transaction: the subgraphs'
 * services run unchanged on it, and their own transactions become savepoints inside it.
 */
function insideTransaction(dataSource: DataSource, runner: QueryRunner): DataSource {
  const view = Object.create(dataSource) as DataSource;
  Object.defineProperties(view, {
    manager: { get: () => runner.manager },
    getRepository: { value: (target: Parameters<DataSource['getRepository']>[0]) => runner.manager.getRepository(target) },
    query: { value: (sql: string, parameters?: unknown[]) => runner.query(sql, parameters) },
    createQueryBuilder: { value: (...args: unknown[]) => (runner.manager.createQueryBuilder as (...a: unknown[]) => unknown)(...args) },
    transaction: { value: (...args: unknown[]) => (runner.manager.transaction as (...a: unknown[]) => unknown)(...args) },
  });
  return view;
}

/**
 * The four subgraphs in this process, each inside one open transaction on its own database, as
 * one caller. Rules that ask a peer subgraph ask it here, so they see what the import has
 * written so far. Nothing is visible to others until commit; rollback leaves every store as it was.
 */
export class ImportSession {
  /** Peers answer in this process, on the same open transactions. */
  private readonly peers: SubgraphPeers = {
    inProcess: (peer, caller, query, variables) => this.ask(peer, caller, query, variables),
  };

  private constructor(
    private readonly runners: Record<SubgraphName, QueryRunner>,
    private readonly views: Record<SubgraphName, DataSource>,
    private readonly schemas: Record<SubgraphName, GraphQLSchema>,
    private readonly caller: Caller,
    private readonly restoringAudit: ReadonlySet<SubgraphName>,
  ) {}

  /** `restoringAudit`: subgraphs whose audit trail the files carry; the import's own writes there record no events. */
  static async open(
    dataSources: Record<SubgraphName, DataSource>,
    identity: Identity,
    restoringAudit: ReadonlySet<SubgraphName> = new Set(),
  ): Promise<ImportSession> {
    const runners = {} as Record<SubgraphName, QueryRunner>;
    const views = {} as Record<SubgraphName, DataSource>;
    const schemas = {} as Record<SubgraphName, GraphQLSchema>;
    try {
      for (const module of subgraphs) {
        const dataSource = dataSources[module.name];
        const runner = dataSource.createQueryRunner();
        runners[module.name] = runner;
        // READ COMMITTED as the services' own writes use on MySQL; SQLite has one writer anyway.
        await runner.startTransaction(dataSource.options.type === 'better-sqlite3' ? undefined : 'READ COMMITTED');
        views[module.name] = insideTransaction(dataSource, runner);
        schemas[module.name] = (await module.buildSchema()).schema;
      }
    } catch (error) {
      await Promise.allSettled(Object.values(runners).map((runner) => endTransaction(runner, 'rollback')));
      throw error;
    }
    return new ImportSession(runners, views, schemas, { identity }, restoringAudit);
  }

  /** Fresh contexts (fresh loaders) for one row: nothing read before the row's own writes is cached. */
  contexts(): SubgraphContexts {
    return Object.fromEntries(
      subgraphs.map((module) => [
        module.name,
        module.createContext(this.views[module.name], this.peers, this.caller, this.writes(module.name)),
      ]),
    ) as unknown as SubgraphContexts;
  }

  /** The transaction's view of a subgraph's database, for reading what is stored. */
  store(subgraph: SubgraphName): DataSource {
    return this.views[subgraph];
  }

  /** Runs one row's writes in a savepoint: a row that fails leaves nothing behind for the rows after it. */
  async inSavepoint<T>(subgraph: SubgraphName, work: () => Promise<T>, keep: (result: T) => boolean): Promise<T> {
    const runner = this.runners[subgraph];
    await runner.startTransaction();
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
    if (keep(result)) await runner.commitTransaction();
    else await runner.rollbackTransaction();
    return result;
  }

  async commit(): Promise<void> {
    for (const runner of Object.values(this.runners)) await endTransaction(runner, 'commit');
  }

  async rollback(): Promise<void> {
    await Promise.allSettled(Object.values(this.runners).map((runner) => endTransaction(runner, 'rollback')));
  }

  private writes(subgraph: SubgraphName): WriteSettings {
    return this.restoringAudit.has(subgraph) ? { ...IMPORT_WRITES, audited: false } : IMPORT_WRITES;
  }

  private async ask(peer: SubgraphName, caller: Caller, query: string, variables: Record<string, unknown>): Promise<PeerAnswer> {
    const module = subgraphs.find((candidate) => candidate.name === peer)!;
    const result = await execute({
      schema: this.schemas[peer],
      document: parse(query),
      variableValues: variables,
      contextValue: module.createContext(this.views[peer], this.peers, caller, this.writes(peer)),
    });
    return {
      data: result.data ?? undefined,
      errors: result.errors?.map((error) => ({ message: error.message, extensions: { code: error.extensions?.code } })),
    };
  }
}

async function endTransaction(runner: QueryRunner, how: 'commit' | 'rollback'): Promise<void> {
  try {
    if (runner.isTransactionActive) {
      if (how === 'commit') await runner.commitTransaction();
      else await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
  }
}
