import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SUBGRAPH_NAMES, type SubgraphName } from '../common/config';
import { projectRoot } from '../common/paths';
import { generateDataset } from '../demo/generator';
import { exampleVariables } from '../demo/operation-examples';
import fs from 'node:fs';
import { closedLoop, graphqlSender, type Task } from './load';
import { Population, type PopulationRole } from './population';
import { cpuPerAnswer, ms, table } from './report';
import { benchStore, cpuDuring, databaseServerPid, peakMemory, startService, startSubgraphProcesses, type Service } from './services';

const JWT_SECRET = 'bench-jwt-secret-0123456789abcdefghijklmnop';
const INTERNAL_SECRET = 'bench-internal-secret-0123456789abcdefghij';

const USAGE = `Usage: node dist/bench/ab.js --baseline <directory with dist/> [--workloads headline:ANALYST,headline:PRIMARY,overview:ANALYST]
                          [--connections 32] [--seconds 5] [--rounds 3] [--gateway-node-args=--max-old-space-size=256]
  An A/B measurement in one run: two complete stacks (four subgraphs and a gateway each) on the full
  benchmark data, this build (B) and the one in --baseline (A: e.g. the commit before, built with
  'git archive <commit> | tar -x -C <dir>; ln -s $PWD/node_modules <dir>; cd <dir> && npx tsc'),
  driven in turn (A B, then B A, …) with a different caller on each connection. For each
  workload (operation:role; headline is WhoResellsWhatToWhom) it prints throughput, p50 and CPU
  ms per answer by process, and B over A. --gateway-node-args are given to B's gateway only (with
  --baseline . both stacks run this build, so B differs from A by those flags alone).`;

interface Stack {
  name: 'A' | 'B';
  gateway: Service;
  subgraphs: Record<SubgraphName, Service>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      baseline: { type: 'string' },
      workloads: { type: 'string', default: 'headline:ANALYST,headline:PRIMARY,overview:ANALYST' },
      connections: { type: 'string', default: '32' },
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      'gateway-node-args': { type: 'string', default: '' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.baseline) return console.log(USAGE);
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const started = Date.now();
  const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  const store = await benchStore('full', log);
  const dataset = generateDataset('full');
  const examples = exampleVariables(dataset);
  const population = await Population.create(dataset, connections, Population.signer(JWT_SECRET));
  const names: Record<string, string> = { headline: 'WhoResellsWhatToWhom', overview: 'ChannelOverview' };
  const workloads = values.workloads.split(',').map((spec) => {
    const [operation = 'headline', role = 'ANALYST'] = spec.split(':');
    const name = names[operation] ?? operation;
    const query = fs.readFileSync(path.join(projectRoot(), 'schema', 'operations', `${name}.graphql`), 'utf8');
    return {
      label: `${name} as ${role}`,
      requests: population.requests({ name, query, variables: examples[name] ?? {} }, role as PopulationRole),
    };
  });

  const stacks: Stack[] = [];
  const databasePid = databaseServerPid();
  try {
    for (const [index, [name, root]] of (
      [
        ['A', path.resolve(values.baseline)],
        ['B', projectRoot()],
      ] as const
    ).entries()) {
      const base = 4300 + index * 10;
      const ports = Object.fromEntries(SUBGRAPH_NAMES.map((subgraph, i) => [subgraph, base + 1 + i])) as Record<SubgraphName, number>;
      const env: NodeJS.ProcessEnv = {
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        INTERNAL_AUTH_SECRET: INTERNAL_SECRET,
        AUTH_JWT_SECRET: JWT_SECRET,
        ...Object.fromEntries(
          SUBGRAPH_NAMES.map((subgraph) => [`${subgraph.toUpperCase()}_URL`, `http://127.0.0.1:${ports[subgraph]}/graphql`]),
        ),
      };
      log(`stack ${name} from ${root}`);
      const subgraphs = await startSubgraphProcesses(store, ports, env, log, () => [], root);
      const gateway = await startService(
        `gateway ${name}`,
        path.join(root, 'dist/gateway/main.js'),
        [],
        { ...env, GATEWAY_PORT: String(base), RATE_LIMIT_BURST: '0', RATE_LIMIT_PER_SECOND: '1000000000' },
        base,
        '/ready',
        name === 'B' && values['gateway-node-args'] ? values['gateway-node-args'].split(' ') : [],
      );
      stacks.push({ name, gateway, subgraphs });
    }
    const rows: string[][] = [];
    const totals = new Map<string, { requests: number; seconds: number; cpu: Record<string, number>; p50s: number[]; peak: number }>();
    for (let round = 0; round < rounds; round++) {
      for (const workload of workloads) {
        for (const stack of round % 2 === 0 ? stacks : [...stacks].reverse()) {
          const send = graphqlSender(stack.gateway.url);
          const task: Task = (worker) => {
            const { body, headers } = workload.requests(worker);
            return send(body, headers);
          };
          await closedLoop(task, { connections, seconds: 1 });
          const pids: Record<string, number> = {
            gateway: stack.gateway.process.pid!,
            ...Object.fromEntries(Object.entries(stack.subgraphs).map(([subgraph, service]) => [subgraph, service.process.pid!])),
            ...(databasePid ? { database: databasePid } : {}),
          };
          const {
            result: { result, cpuSeconds },
            peakMiB,
          } = await peakMemory({ gateway: pids.gateway! }, () => cpuDuring(pids, () => closedLoop(task, { connections, seconds })));
          const key = `${workload.label}\u0000${stack.name}`;
          const total = totals.get(key) ?? { requests: 0, seconds: 0, cpu: {}, p50s: [], peak: 0 };
          total.requests += result.requests;
          total.seconds += result.seconds;
          total.p50s.push(result.p50);
          total.peak = Math.max(total.peak, peakMiB.gateway ?? 0);
          for (const [process, used] of Object.entries(cpuSeconds)) total.cpu[process] = (total.cpu[process] ?? 0) + used;
          totals.set(key, total);
          log(
            `${workload.label}, ${stack.name}: ${result.throughput.toFixed(1)} req/s, p50 ${ms(result.p50)} ms, errors ${result.errors}, CPU ${cpuPerAnswer(cpuSeconds, result.requests).toFixed(1)} ms/answer`,
          );
        }
      }
    }
    const processes = ['gateway', ...SUBGRAPH_NAMES, 'database', 'self'];
    for (const workload of workloads) {
      const a = totals.get(`${workload.label}\u0000A`)!;
      const b = totals.get(`${workload.label}\u0000B`)!;
      for (const [name, total] of [
        ['A (baseline)', a],
        ['B (this build)', b],
      ] as const) {
        const median = [...total.p50s].sort((x, y) => x - y)[Math.floor(total.p50s.length / 2)]!;
        rows.push([
          workload.label,
          name,
          (total.requests / total.seconds).toFixed(1),
          ms(median),
          cpuPerAnswer(total.cpu, total.requests).toFixed(1),
          ...processes.map((process) => ((1000 * (total.cpu[process] ?? NaN)) / total.requests).toFixed(1)),
          total.peak.toFixed(0),
        ]);
      }
      rows.push([
        workload.label,
        'B / A',
        (b.requests / b.seconds / (a.requests / a.seconds)).toFixed(2),
        '',
        (cpuPerAnswer(b.cpu, b.requests) / cpuPerAnswer(a.cpu, a.requests)).toFixed(2),
        ...processes.map((process) => ((b.cpu[process] ?? NaN) / b.requests / ((a.cpu[process] ?? NaN) / a.requests) || NaN).toFixed(2)),
        (b.peak / a.peak).toFixed(2),
      ]);
    }
    console.log(
      `\n${connections} connections, a different caller on each, ${rounds} rounds of ${seconds} s per build and workload, alternating\n\n` +
        table(
          [
            'workload',
            'build',
            'req/s',
            'p50 ms (median of rounds)',
            'CPU ms/answer, all',
            ...processes.map((p) => (p === 'self' ? 'bench' : p)),
            'gateway peak MiB',
          ],
          rows,
        ),
    );
  } finally {
    await Promise.all(stacks.flatMap((stack) => [stack.gateway, ...Object.values(stack.subgraphs)]).map((service) => service.stop()));
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
