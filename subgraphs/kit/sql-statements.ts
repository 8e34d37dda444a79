import type { SubgraphName } from '../../common/config';

/**
 * Listens to every SQL statement subgraphs send, so tests and benchmarks can show that batching
 * holds (statements do not grow with the rows returned).
 */
class SqlStatementCounter {
  private readonly listeners = new Set<(subgraph: SubgraphName, sql: string) => void>();

  record(subgraph: SubgraphName, sql: string): void {
    for (const listener of this.listeners) listener(subgraph, sql);
  }

  /** Collects the statements sent while `work` runs. */
  async capture<T>(work: () => Promise<T>): Promise<{ result: T; statements: Array<{ subgraph: SubgraphName; sql: string }> }> {
    const statements: Array<{ subgraph: SubgraphName; sql: string }> = [];
    const listener = (subgraph: SubgraphName, sql: string) => statements.push({ subgraph, sql });
    this.listeners.add(listener);
    try {
      const result = await work();
      return { result, statements };
    } finally {
      this.listeners.delete(listener);
    }
  }
}

export const sqlStatements = new SqlStatementCounter();
