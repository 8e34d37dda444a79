import 'reflect-metadata';
import { generateDataset, type Dataset, type Scale } from '../../demo/generator';
import { startStack, type Stack } from '../../stack/stack';
import { dropTestStore, testConfig } from './store';

export interface TestStack extends Stack {
  /** The data the store was seeded with, generated again independently for assertions. */
  dataset: Dataset;
  stop(): Promise<void>;
}

/** The whole stack on a private store, seeded, on ephemeral ports. */
export async function startTestStack(scale: Scale = 'demo'): Promise<TestStack> {
  const config = testConfig();
  const stack = await startStack(config, { ports: 'ephemeral', seed: scale });
  return {
    ...stack,
    dataset: generateDataset(scale),
    async stop() {
      await stack.close();
      await dropTestStore(config.store);
    },
  };
}
