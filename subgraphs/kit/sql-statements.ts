import type { SubgraphName } from '../../common/config';

/**
 * Process-wide count of SQL statements per subgraph. Tests and benchmarks read the
 * difference around an operation to show that batching holds (statements do not grow with rows).
 */
class SqlStatementCounter {
  private readonly counts = new Map<SubgraphName, number>();
  private readonly listeners = new Set<(subgraph: SubgraphName, sql: string) => void>();

  record(subgraph: SubgraphName, sql: string): void {
    this.counts.set(subgraph, (this.counts.get(subgraph) ?? 0) + 1);
    for (const listener of this.listeners) listener(subgraph, sql);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
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
