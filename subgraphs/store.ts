import type { DataSource } from 'typeorm';
import type { StoreConfig, SubgraphName } from '../common/config';
import { subgraphs } from '.';
import { openDataSource } from './kit/data-source';

/**
 * Opens the four subgraphs' databases on one store (SQLite files or MySQL databases, created when
 * missing), one data source each, bringing their schemas up to date when asked.
 */
export async function openStore(store: StoreConfig, options: { runMigrations: boolean }): Promise<Record<SubgraphName, DataSource>> {
  const opened = await Promise.all(subgraphs.map((subgraph) => openDataSource(store, subgraph.store, options)));
  return Object.fromEntries(subgraphs.map((subgraph, index) => [subgraph.name, opened[index]])) as Record<SubgraphName, DataSource>;
}

export async function closeStore(dataSources: Record<SubgraphName, DataSource>): Promise<void> {
  await Promise.all(Object.values(dataSources).map((dataSource) => dataSource.destroy()));
}
