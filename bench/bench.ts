import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { SUBGRAPH_NAMES, type SubgraphName } from '../common/config';
import { INTERNAL_IDENTITY_HEADER, issueToken, signInternalIdentity, type Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import { generateDataset, type Scale } from '../demo/generator';
import { exampleVariables } from '../demo/operation-examples';
import { HeadlineFloor, OverviewFloor } from './floor';
import { closedLoop, graphqlSender, graphqlTask, postGraphQL, type LoadResult, type Task } from './load';
import {
  DAY_CLASSES,
  dayPlan,
  dayTask,
  Population,
  POPULATION_ROLES,
  type DayClass,
  type Operation,
  type PopulationRole,
} from './population';
import {
  benchStore,
  cpuDuring,
  databaseServerPid,
  peakMemory,
  startService,
  startSubgraphProcesses,
  statementsSent,
  type BenchStore,
  type Service,
} from './services';
import { writeReport, type BenchReport, type EngineName, type HeadlineRun, type MeasuredRun } from './report';

const HEADLINE = 'WhoResellsWhatToWhom';
const OVERVIEW = 'ChannelOverview';
const SINGLE_SUBGRAPH = { operation: 'CustomerSearch', subgraph: 'customers' as SubgraphName };
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdefghijklmnop';
const INTERNAL_SECRET = 'bench-internal-secret-0123456789abcdefghij';
const ANALYST: Identity = { subject: 'bench', role: 'ANALYST', partnerId: null };
const PORTS = {
  gateway: 4200,
  partners: 4201,
  programs: 4202,
  licences: 4203,
  customers: 4204,
  gatewayApollo: 4205,
  hive: 4210,
  hiveRouter: 4211,
};
const subgraphUrl = (name: SubgraphName) => `http://127.0.0.1:${PORTS[name]}/graphql`;

const USAGE = `Usage: npm run bench -- [--seconds 3] [--warmup 1] [--levels 1,8,32] [--mix 8] [--population 32] [--scale full|demo] [--profile]
                         [--engines ours,oursApollo,hive,hiveRouter] [--operations A,B (besides the headline and CustomerSearch)]
                         [--only population,day,overview,headline,engines,direct,scaling]
  Seeds MariaDB/MySQL (MYSQL_* variables) at full and demo scale once (databases channel_bench_<scale>_*),
  runs the subgraphs and the gateways as separate processes, and drives every documented operation
  (at --mix connections), then the headline operation at each of --levels; then the population
  (every operation with a different caller on each of --population connections, as analysts and as
  PRIMARY and SECONDARY tools of different partners), a mixed run like a working day, and
  ChannelOverview beside its hand-written SQL floor (0 skips these). --only runs some parts.
  Prints the tables and writes bench/results/latest.md and latest.json; --profile writes CPU profiles
  of our gateway and the subgraphs to bench/results/profiles (node --cpu-prof).`;

/** `npm run bench`: our gateway beside Hive Gateway (JS planner and Rust router runtime), the hand-written SQL floor and a subgraph called directly. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      levels: { type: 'string', default: '1,8,32' },
      mix: { type: 'string', default: '8' },
      population: { type: 'string' },
      only: { type: 'string' },
      scale: { type: 'string', default: 'full' },
      profile: { type: 'boolean', default: false },
      engines: { type: 'string', default: 'ours,oursApollo,hive,hiveRouter' },
      operations: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values.warmup);
  const levels = values.levels.split(',').map(Number);
  const mixConnections = Number(values.mix);
  const populationConnections = Number(values.population ?? Math.max(...levels));
  const parts = new Set((values.only ?? 'engines,headline,direct,scaling,population,day,overview').split(','));
  if (populationConnections === 0) for (const part of ['population', 'day', 'overview']) parts.delete(part);
  const scale = values.scale as Scale;
  const started = Date.now();
  const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

  const stores = { [scale]: await benchStore(scale, log), ...(scale === 'full' ? { demo: await benchStore('demo', log) } : {}) } as Record<
    Scale,
    BenchStore
  >;
  const dataset = generateDataset(scale);
  const examples = exampleVariables(dataset);
  const allOperations = fs
    .readdirSync(path.join(projectRoot(), 'schema', 'operations'))
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({
      name: file.replace('.graphql', ''),
      query: fs.readFileSync(path.join(projectRoot(), 'schema', 'operations', file), 'utf8'),
    }))
    .map((op) => ({
      ...op,
      variables: examples[op.name] ?? {},
      body: JSON.stringify({ query: op.query, variables: examples[op.name] ?? {} }),
    }));
  const operations = allOperations.filter(
    (op) =>
      !values.operations || op.name === HEADLINE || op.name === SINGLE_SUBGRAPH.operation || values.operations.split(',').includes(op.name),
  );
  const chosen = values.engines.split(',') as EngineName[];
  const headline = operations.find((op) => op.name === HEADLINE)!;
  const overview = allOperations.find((op) => op.name === OVERVIEW)!;

  let subgraphs = await startSubgraphs(stores[scale], log, values.profile);
  const engines = {
    ours: await startService(
      'ours',
      'dist/gateway/main.js',
      [],
      gatewayEnv(),
      PORTS.gateway,
      '/ready',
      profiling(values.profile, 'gateway'),
    ),
  } as Record<EngineName, Service>;
  if (chosen.includes('oursApollo'))
    engines.oursApollo = await startService(
      'oursApollo',
      'dist/gateway/main.js',
      [],
      { ...gatewayEnv(), GATEWAY_PORT: String(PORTS.gatewayApollo), GATEWAY_QUERY_PLANNER: 'apollo' },
      PORTS.gatewayApollo,
      '/ready',
      profiling(values.profile, 'gateway-apollo'),
    );
  if (chosen.includes('hive'))
    engines.hive = await startService(
      'hive',
      'bench/hive-gateway.mjs',
      ['--port', String(PORTS.hive), ...hiveSubgraphArgs()],
      commonEnv(),
      PORTS.hive,
      '/graphql',
    );
  if (chosen.includes('hiveRouter'))
    engines.hiveRouter = await startService(
      'hiveRouter',
      'bench/hive-gateway.mjs',
      ['--router', '--port', String(PORTS.hiveRouter), ...hiveSubgraphArgs()],
      commonEnv(),
      PORTS.hiveRouter,
      '/graphql',
    );
  const bearer = `Bearer ${await issueToken(ANALYST, { secret: JWT_SECRET, issuer: 'channel-graph', audience: 'channel-graph', expiresIn: '2h' })}`;
  // As many different analysts as connections: requests from different callers never share a fetch.
  const distinctBearers = await Promise.all(
    Array.from(
      { length: Math.max(...levels) },
      async (_, index) =>
        `Bearer ${await issueToken({ ...ANALYST, subject: `bench-${index}` }, { secret: JWT_SECRET, issuer: 'channel-graph', audience: 'channel-graph', expiresIn: '2h' })}`,
    ),
  );
  // Connection i is caller i, for the whole run.
  const distinctCallers = (worker: number) => ({ authorization: distinctBearers[worker % distinctBearers.length] ?? bearer });
  const signed = new SignedBodies(ANALYST);
  /** Our gateways take the analyst's token; Hive (and a subgraph called directly) the internal identity signed for the body. */
  const headersOf = async (engine: EngineName, body: string): Promise<() => Record<string, string>> =>
    engine === 'ours' || engine === 'oursApollo' ? () => ({ authorization: bearer }) : signed.headersFor(body);
  const metricsUrls = () => SUBGRAPH_NAMES.map((name) => `http://127.0.0.1:${PORTS[name]}/metrics`);
  const floor = HeadlineFloor.open(stores[scale], Math.max(...levels));
  const overviewFloor = OverviewFloor.open(stores[scale], Math.max(populationConnections, 1));
  const population = await Population.create(dataset, Math.max(populationConnections, 1), Population.signer(JWT_SECRET));

  const report: BenchReport = {
    date: new Date().toISOString(),
    scale,
    seconds,
    warmupSeconds,
    levels,
    mixConnections,
    operations: [],
    headline: [],
    floorMatches: false,
    direct: null,
    scaling: [],
    memoryMiB: {},
    cpu: [],
    population: [],
    populationConnections,
    day: null,
    overview: [],
    overviewFloorMatches: null,
    memoryByRun: {},
    minutes: 0,
  };
  try {
    log('checking that every engine gives the same answers, and counting SQL statements per operation (through ours)');
    for (const op of parts.has('engines') ? operations : []) {
      const answers: Partial<Record<EngineName, unknown>> = {};
      for (const engine of Object.keys(engines) as EngineName[])
        answers[engine] = await postGraphQL(engines[engine].url, op.query, op.variables, (await headersOf(engine, op.body))());
      const before = await statementsSent(metricsUrls());
      await postGraphQL(engines.ours.url, op.query, op.variables, { authorization: bearer });
      const statements = (await statementsSent(metricsUrls())) - before;
      report.operations.push({
        name: op.name,
        statements,
        sameAnswer: {
          oursApollo: engines.oursApollo ? isDeepStrictEqual(answers.ours, answers.oursApollo) : null,
          hive: engines.hive ? isDeepStrictEqual(answers.ours, answers.hive) : null,
          hiveRouter: engines.hiveRouter ? isDeepStrictEqual(answers.ours, answers.hiveRouter) : null,
        },
        results: {},
      });
    }
    const oursHeadline = (await postGraphQL(engines.ours.url, headline.query, headline.variables, { authorization: bearer })) as {
      data: unknown;
    };
    report.floorMatches = isDeepStrictEqual(oursHeadline.data, await floor.answer(Number(headline.variables.first ?? 20)));

    for (const engine of parts.has('engines') ? (Object.keys(engines) as EngineName[]) : []) {
      log(`${engine}: every operation at ${mixConnections} connections`);
      const pids = {
        [engine]: engines[engine].process.pid!,
        ...Object.fromEntries(Object.entries(subgraphs).map(([name, service]) => [name, service.process.pid!])),
      };
      const { peakMiB } = await peakMemory(pids, async () => {
        for (const op of operations) {
          report.operations.find((row) => row.name === op.name)!.results[engine] = await closedLoop(
            graphqlTask(engines[engine].url, op.body, await headersOf(engine, op.body)),
            { connections: mixConnections, seconds, warmupSeconds },
          );
        }
      });
      for (const [name, mib] of Object.entries(peakMiB)) report.memoryMiB[name] = Math.max(report.memoryMiB[name] ?? 0, mib);
    }

    const floorTask: Task = async () => Boolean(await floor.answer(Number(headline.variables.first ?? 20)));
    const maxLevel = Math.max(...levels);
    const databasePid = databaseServerPid();
    /** The processes a run is charged for: the subgraphs, the gateway `engine` (if any) and MariaDB when it runs here. */
    const processes = (engine: EngineName | null): Record<string, number> => {
      const pids: Record<string, number> = Object.fromEntries(
        Object.entries(subgraphs).map(([name, service]) => [name, service.process.pid!]),
      );
      if (engine) pids.gateway = engines[engine].process.pid!;
      if (databasePid) pids.database = databasePid;
      return pids;
    };
    /** A run after its warm-up, charged the CPU time each process spent on its counted requests, and their peak memory. */
    const charged = async (task: Task, connections: number, engine: EngineName | null, runSeconds = seconds) => {
      await closedLoop(task, { connections, seconds: warmupSeconds });
      const pids = processes(engine);
      const {
        result: { result, cpuSeconds },
        peakMiB,
      } = await peakMemory(Object.fromEntries(Object.entries(pids).filter(([name]) => name !== 'database')), () =>
        cpuDuring(pids, () => closedLoop(task, { connections, seconds: runSeconds })),
      );
      return { result, cpuSeconds, peakMiB };
    };
    // At 1 connection (one answer on its own) and at the highest level every run is also charged the CPU time each process spent on its counted requests.
    const measured = async (run: HeadlineRun, connections: number, engine: EngineName | null, task: Task): Promise<LoadResult> => {
      if (connections !== maxLevel && connections !== 1) return closedLoop(task, { connections, seconds, warmupSeconds });
      const { result, cpuSeconds, peakMiB } = await charged(task, connections, engine);
      report.cpu.push({ run, connections, requests: result.requests, cpuSeconds });
      if (connections === maxLevel) report.memoryByRun[`headline, ${LABEL_OF_RUN[run]}, ${connections} connections`] = peakMiB;
      return result;
    };
    for (const connections of parts.has('headline') ? levels : []) {
      if (connections === levels[0]) log(`headline operation at ${levels.join(', ')} connections: each engine and the SQL floor`);
      const row: BenchReport['headline'][number] = { connections, results: {} };
      for (const engine of Object.keys(engines) as EngineName[]) {
        row.results[engine] =
          connections === mixConnections && connections !== maxLevel && parts.has('engines')
            ? report.operations.find((op) => op.name === HEADLINE)!.results[engine]!
            : await measured(
                engine,
                connections,
                engine,
                graphqlTask(engines[engine].url, headline.body, await headersOf(engine, headline.body)),
              );
      }
      if (connections > 1)
        row.results.oursDistinct = await measured(
          'oursDistinct',
          connections,
          'ours',
          graphqlTask(engines.ours.url, headline.body, distinctCallers),
        );
      row.results.floor = await measured('floor', connections, null, floorTask);
      report.headline.push(row);
    }

    const single = operations.find((op) => op.name === SINGLE_SUBGRAPH.operation)!;
    if (parts.has('direct')) log(`${SINGLE_SUBGRAPH.operation} straight to the ${SINGLE_SUBGRAPH.subgraph} subgraph, without a gateway`);
    report.direct = !parts.has('direct')
      ? null
      : {
          operation: single.name,
          subgraph: SINGLE_SUBGRAPH.subgraph,
          result: await closedLoop(graphqlTask(subgraphUrl(SINGLE_SUBGRAPH.subgraph), single.body, await signed.headersFor(single.body)), {
            connections: mixConnections,
            seconds,
            warmupSeconds,
          }),
        };

    const send = graphqlSender(engines.ours.url);
    /** What a role may run: the operations whose first caller's answer has no errors (else why not, e.g. FORBIDDEN). */
    const allowed = new Map<PopulationRole, Map<string, string | null>>();
    const probe = async (role: PopulationRole) => {
      const reasons = new Map<string, string | null>();
      for (const op of operations) {
        const { body, headers } = population.requests(op, role)(0);
        const outcome = await send(body, headers);
        reasons.set(op.name, outcome === true ? null : (/"code":"([A-Z_]+)"/.exec(outcome)?.[1] ?? outcome.slice(0, 80)));
      }
      allowed.set(role, reasons);
      return reasons;
    };
    const perCaller = (op: Operation, role: PopulationRole): Task => {
      const request = population.requests(op, role);
      return (worker) => {
        const { body, headers } = request(worker);
        return send(body, headers);
      };
    };

    if (parts.has('population')) {
      log(
        `the population: every operation with a different caller on each of ${populationConnections} connections, as ${POPULATION_ROLES.join(', ')}`,
      );
      for (const role of POPULATION_ROLES) {
        const reasons = await probe(role);
        for (const op of operations) {
          const skipped = reasons.get(op.name) ?? null;
          if (skipped) {
            report.population.push({ operation: op.name, role, skipped });
            continue;
          }
          const { result, cpuSeconds, peakMiB } = await charged(perCaller(op, role), populationConnections, 'ours');
          report.population.push({ operation: op.name, role, result, cpuSeconds });
          const key = `population, ${populationConnections} connections`;
          report.memoryByRun[key] = maxima(report.memoryByRun[key], peakMiB);
        }
      }
    }

    if (parts.has('day')) {
      const plan = dayPlan(maxLevel);
      log(
        `a mixed run like a day at ${maxLevel} connections: ${DAY_CLASSES.map((c) => `${plan.filter((p) => p === c).length} ${c}`).join(', ')}`,
      );
      for (const role of POPULATION_ROLES) if (!allowed.has(role)) await probe(role);
      const runnable = (role: PopulationRole) => operations.filter((op) => allowed.get(role)?.get(op.name) === null);
      const requests = {
        PRIMARY: runnable('PRIMARY').map((op) => population.requests(op, 'PRIMARY')),
        SECONDARY: runnable('SECONDARY').map((op) => population.requests(op, 'SECONDARY')),
        ANALYST: runnable('ANALYST').map((op) => population.requests(op, 'ANALYST')),
        overview: population.requests(overview, 'ANALYST'),
      };
      const { task, byClass, reset } = dayTask(
        plan,
        (dayClass: DayClass, worker, turn) => {
          if (dayClass === 'dashboards') return requests.overview(worker);
          if (dayClass === 'analysts') return requests.ANALYST[(worker + turn) % requests.ANALYST.length]!(worker);
          // Partner tools: PRIMARY and SECONDARY alternately, tool n of each role a different partner.
          const list = worker % 2 === 0 ? requests.PRIMARY : requests.SECONDARY;
          return list[(worker + turn) % list.length]!(Math.floor(worker / 2));
        },
        send,
      );
      await closedLoop(task, { connections: plan.length, seconds: warmupSeconds });
      reset();
      const pids = processes('ours');
      const daySeconds = seconds * 3;
      const {
        result: { result: total, cpuSeconds },
        peakMiB,
      } = await peakMemory(Object.fromEntries(Object.entries(pids).filter(([name]) => name !== 'database')), () =>
        cpuDuring(pids, () => closedLoop(task, { connections: plan.length, seconds: daySeconds })),
      );
      report.day = {
        connections: plan.length,
        plan: Object.fromEntries(DAY_CLASSES.map((c) => [c, plan.filter((p) => p === c).length])) as Record<DayClass, number>,
        total,
        byClass: byClass(),
        cpuSeconds,
      };
      report.memoryByRun[`mixed run, ${plan.length} connections`] = peakMiB;
    }

    if (parts.has('overview')) {
      log(`${OVERVIEW} beside its hand-written SQL floor, at 1 and ${populationConnections} connections`);
      const alone = await postGraphQL(engines.ours.url, overview.query, overview.variables, { authorization: bearer });
      const floorAnswer = await overviewFloor.answer();
      report.overviewFloorMatches = isDeepStrictEqual(alone.data, floorAnswer);
      if (!report.overviewFloorMatches)
        log(`the overview floor differs: ours ${JSON.stringify(alone.data)}\nfloor ${JSON.stringify(floorAnswer)}`);
      const overviewFloorTask: Task = async () => Boolean(await overviewFloor.answer());
      for (const connections of [...new Set([1, populationConnections])]) {
        const runs: Array<[MeasuredRun, EngineName | null, Task]> = [
          ['ours', 'ours', graphqlTask(engines.ours.url, overview.body, () => ({ authorization: bearer }))],
          ...(connections > 1 ? [['oursDistinct', 'ours', perCaller(overview, 'ANALYST')] as [MeasuredRun, EngineName, Task]] : []),
          ['floor', null, overviewFloorTask],
        ];
        for (const [run, engine, task] of runs) {
          const { result, cpuSeconds } = await charged(task, connections, engine);
          report.overview.push({ run, connections, result, cpuSeconds });
        }
      }
    }

    const pageSizes = [1, 10, 50, 100];
    for (const curveScale of parts.has('scaling') ? (Object.keys(stores) as Scale[]) : []) {
      if (curveScale !== scale) {
        log(`restarting the subgraphs on the ${curveScale} data`);
        await Promise.all(Object.values(subgraphs).map((service) => service.stop()));
        subgraphs = await startSubgraphs(stores[curveScale], log);
      }
      log(`scaling curve on ${curveScale}: headline at page sizes ${pageSizes.join(', ')}, one connection`);
      for (const first of pageSizes) {
        const body = JSON.stringify({ query: headline.query, variables: { first } });
        const before = await statementsSent(metricsUrls());
        await postGraphQL(engines.ours.url, headline.query, { first }, { authorization: bearer });
        const statements = (await statementsSent(metricsUrls())) - before;
        const result = await closedLoop(
          graphqlTask(engines.ours.url, body, () => ({ authorization: bearer })),
          {
            connections: 1,
            seconds: Math.max(1, seconds - 1),
            warmupSeconds: 0.5,
          },
        );
        report.scaling.push({ scale: curveScale, first, statements, result });
      }
    }
  } finally {
    signed.stop();
    await floor.close();
    await overviewFloor.close();
    await Promise.all([...Object.values(engines), ...Object.values(subgraphs)].map((service) => service.stop()));
  }
  report.minutes = (Date.now() - started) / 60_000;
  const { markdown, files } = writeReport(report);
  console.log(`\n${markdown}`);
  console.log(`Written: ${files.join(', ')}`);
}

const LABEL_OF_RUN: Record<HeadlineRun, string> = {
  ours: 'ours, one caller',
  oursApollo: "ours with @apollo/gateway's planner, one caller",
  oursDistinct: 'ours, every connection a different caller',
  hive: 'Hive Gateway (JS planner)',
  hiveRouter: 'Hive Gateway (Rust router runtime)',
  floor: 'SQL floor',
};

/** The larger of two samples of peak memory, process by process. */
function maxima(a: Record<string, number> | undefined, b: Record<string, number>): Record<string, number> {
  const out = { ...(a ?? {}) };
  for (const [name, mib] of Object.entries(b)) out[name] = Math.max(out[name] ?? 0, mib);
  return out;
}

function commonEnv(): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production', // as deployed (docker-compose.yml, Dockerfile): graphql-js, for one, skips its development checks
    LOG_LEVEL: 'warn',
    INTERNAL_AUTH_SECRET: INTERNAL_SECRET,
    AUTH_JWT_SECRET: JWT_SECRET,
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, subgraphUrl(name)])),
  };
}

/** Node's CPU profiler, written when the process exits (read with bench/profile-summary). */
function profiling(on: boolean, name: string): string[] {
  return on
    ? ['--cpu-prof', '--cpu-prof-dir', path.join(projectRoot(), 'bench', 'results', 'profiles'), '--cpu-prof-name', `${name}.cpuprofile`]
    : [];
}

async function startSubgraphs(store: BenchStore, log: (message: string) => void, profile = false): Promise<Record<SubgraphName, Service>> {
  return startSubgraphProcesses(store, PORTS, commonEnv(), log, (name) => profiling(profile, name));
}

function gatewayEnv(): NodeJS.ProcessEnv {
  // No rate limit: the benchmark is one caller sending as fast as it can. The default planner (rust) unless said.
  return {
    ...commonEnv(),
    GATEWAY_PORT: String(PORTS.gateway),
    GATEWAY_QUERY_PLANNER: 'rust',
    RATE_LIMIT_BURST: '0',
    RATE_LIMIT_PER_SECOND: '1000000000',
  };
}

/**
 * The internal identity for one request body, as a client of Hive (or of a subgraph directly) must
 * send it: signed for that body (common/identity.ts), valid 30 s, so renewed every 10 s.
 */
class SignedBodies {
  private readonly tokens = new Map<string, string>();
  private readonly renewal = setInterval(() => void this.renew(), 10_000);

  constructor(private readonly identity: Identity) {}

  async headersFor(body: string): Promise<() => Record<string, string>> {
    if (!this.tokens.has(body)) this.tokens.set(body, await signInternalIdentity(this.identity, INTERNAL_SECRET, body));
    return () => ({ [INTERNAL_IDENTITY_HEADER]: this.tokens.get(body)! });
  }

  stop(): void {
    clearInterval(this.renewal);
  }

  private async renew(): Promise<void> {
    for (const body of this.tokens.keys()) this.tokens.set(body, await signInternalIdentity(this.identity, INTERNAL_SECRET, body));
  }
}

function hiveSubgraphArgs(): string[] {
  return SUBGRAPH_NAMES.flatMap((name) => ['--subgraph', `${name}=${subgraphUrl(name)}`]);
}

export type { LoadResult };

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
