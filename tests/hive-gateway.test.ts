import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '../common/config';
import { projectRoot } from '../common/paths';
import { exampleVariables } from '../demo/operation-examples';
import { graphql, operation } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Scale-out path: the supergraph the build writes runs unchanged on another gateway (Hive Gateway, both planners) over the same subgraphs. */
describe(`the supergraph on Hive Gateway (${storeLabel()})`, () => {
  let stack: TestStack;
  const hives: Array<{ label: string; url: string; process: ChildProcess }> = [];

  beforeAll(async () => {
    stack = await startTestStack();
    const subgraphArgs = SUBGRAPH_NAMES.flatMap((name) => ['--subgraph', `${name}=http://127.0.0.1:${stack.subgraphs[name].port}/graphql`]);
    for (const [label, flags] of [
      ['JavaScript planner', []],
      ['Rust router runtime', ['--router']],
    ] as const) {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        [path.join(projectRoot(), 'bench', 'hive-gateway.mjs'), '--port', String(port), ...flags, ...subgraphArgs],
        { stdio: 'ignore' },
      );
      hives.push({ label, url: `http://127.0.0.1:${port}/graphql`, process: child });
    }
    for (const hive of hives) {
      for (let attempt = 0; ; attempt++) {
        const up = await fetch(hive.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{__typename}"}',
        }).then(
          () => true,
          () => false,
        );
        if (up) break;
        if (attempt > 200) throw new Error(`Hive Gateway (${hive.label}) did not start`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }, 60_000);
  afterAll(async () => {
    for (const hive of hives) hive.process.kill('SIGTERM');
    await stack?.stop();
  });

  it('answers every documented operation exactly as our gateway does, with either planner', async () => {
    const examples = exampleVariables(stack.dataset);
    const names = fs.readdirSync(path.join(projectRoot(), 'schema', 'operations')).map((file) => file.replace('.graphql', ''));
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const name of names) {
      const ours = await graphql(stack.gatewayUrl, operation(name), examples[name] ?? {});
      expect({ name, errors: ours.errors }).toEqual({ name, errors: undefined });
      for (const hive of hives) {
        const request = { query: operation(name), variables: examples[name] ?? {} };
        const theirs = await graphql(hive.url, request.query, request.variables, await stack.internalHeaders(request));
        expect({ name, engine: hive.label, answer: theirs.data }).toEqual({ name, engine: hive.label, answer: ours.data });
      }
    }
  });
});
