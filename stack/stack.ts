import type { DataSource } from 'typeorm';
import type { AppConfig, SubgraphName } from '../common/config';
import type { RunningService } from '../common/http';
import { createLogger } from '../common/logger';
import type { Scale } from '../demo/generator';
import { seedStore, type SeedOutcome } from '../demo/seed';
import { startGateway } from '../gateway/gateway';
import { subgraphs } from '../subgraphs';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/subgraph';
import { closeStore, openStore } from '../subgraphs/store';

export interface Stack {
  gatewayUrl: string;
  gateway: RunningService;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  dataSources: Record<SubgraphName, DataSource>;
  seeded: SeedOutcome | null;
  close(): Promise<void>;
}

export interface StackOptions {
  /** 'configured': the ports of the configuration (4000–4004); 'ephemeral': free ports chosen by the OS. */
  ports: 'configured' | 'ephemeral';
  /** Seed an empty store with generated data at this scale. */
  seed: Scale | null;
  /** Development: the token the gateway's Sandbox page sends. */
  sandboxToken?: string;
}

/** The whole supergraph in one process: four subgraphs on their own databases, and the gateway. */
export async function startStack(config: AppConfig, options: StackOptions): Promise<Stack> {
  const dataSources = await openStore(config.store, { runMigrations: config.runMigrations });
  const started: RunningService[] = [];
  try {
    const seeded = options.seed ? await seedStore(dataSources, options.seed, { replace: false }) : null;
    const running = {} as Record<SubgraphName, RunningSubgraph>;
    // Filled in as subgraphs start; read at request time by subgraphs that call a peer.
    const peerUrls = { ...config.subgraphUrls };
    for (const subgraph of subgraphs) {
      running[subgraph.name] = await startSubgraph(subgraph, config, {
        dataSource: dataSources[subgraph.name],
        port: options.ports === 'ephemeral' ? 0 : config.ports[subgraph.name],
        logger: createLogger(subgraph.name, config.logLevel),
        peers: { urls: peerUrls, internalSecret: config.auth.internalSecret },
      });
      started.push(running[subgraph.name]);
      peerUrls[subgraph.name] = `http://127.0.0.1:${running[subgraph.name].port}/graphql`;
    }
    const gateway = await startGateway(config, {
      port: options.ports === 'ephemeral' ? 0 : config.ports.gateway,
      subgraphUrls: peerUrls,
      sandboxToken: options.sandboxToken,
    });
    return {
      gatewayUrl: `http://127.0.0.1:${gateway.port}/graphql`,
      gateway,
      subgraphs: running,
      dataSources,
      seeded,
      async close() {
        await gateway.close();
        await Promise.all(Object.values(running).map((service) => service.close()));
        await closeStore(dataSources);
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((service) => service.close()));
    await closeStore(dataSources);
    throw error;
  }
}
