import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../common/paths';
import type { LoadResult } from './load';
import type { DayClass, PopulationRole } from './population';

export type EngineName = 'ours' | 'oursApollo' | 'hive' | 'hiveRouter';
export type HeadlineRun = EngineName | 'oursDistinct' | 'floor';
/** Runs measured beside a floor: ours with one caller, ours with a different caller on each connection, the hand-written SQL. */
export type MeasuredRun = 'ours' | 'oursDistinct' | 'floor';

export interface BenchReport {
  date: string;
  scale: string;
  seconds: number;
  warmupSeconds: number;
  levels: number[];
  mixConnections: number;
  operations: Array<{
    name: string;
    statements: number;
    sameAnswer: { oursApollo: boolean | null; hive: boolean | null; hiveRouter: boolean | null };
    results: Partial<Record<EngineName, LoadResult>>;
  }>;
  headline: Array<{ connections: number; results: Partial<Record<HeadlineRun, LoadResult>> }>;
  floorMatches: boolean;
  direct: { operation: string; subgraph: string; result: LoadResult } | null;
  scaling: Array<{ scale: string; first: number; statements: number; result: LoadResult }>;
  memoryMiB: Record<string, number>;
  /** CPU seconds per process during each headline run at the highest level (`self` is the benchmark process: load generator and floor). */
  cpu: Array<{ run: HeadlineRun; connections: number; requests: number; cpuSeconds: Record<string, number> }>;
  /** Every operation, a different caller on each connection, by role; `skipped` says why a role may not run it. */
  population: Array<{
    operation: string;
    role: PopulationRole;
    skipped?: string;
    result?: LoadResult;
    cpuSeconds?: Record<string, number>;
  }>;
  populationConnections: number;
  /** The mixed run: partner tools, dashboards and analysts at once, each connection a different caller. */
  day: {
    connections: number;
    plan: Record<DayClass, number>;
    total: LoadResult;
    byClass: Record<DayClass, LoadResult>;
    cpuSeconds: Record<string, number>;
  } | null;
  /** ChannelOverview beside its floor (bench/floor.ts). */
  overview: Array<{ run: MeasuredRun; connections: number; result: LoadResult; cpuSeconds: Record<string, number> }>;
  overviewFloorMatches: boolean | null;
  /** Peak resident memory (MiB) of each process during particular runs. */
  memoryByRun: Record<string, Record<string, number>>;
  minutes: number;
}

const PROCESSES = ['gateway', 'partners', 'programs', 'licences', 'customers', 'database', 'self'];
const PROCESS_NAMES: Record<string, string> = { database: 'MariaDB', self: 'bench process' };

/** CPU ms per answer of a run, all processes together. */
export function cpuPerAnswer(cpuSeconds: Record<string, number>, requests: number): number {
  const total = Object.values(cpuSeconds).reduce((sum, seconds) => sum + (Number.isFinite(seconds) ? seconds : 0), 0);
  return (total * 1000) / Math.max(1, requests);
}

/** CPU ms per answer of one process of a run, as text ('–' when it was not measured). */
function perProcess(cpuSeconds: Record<string, number>, name: string, requests: number): string {
  const seconds = cpuSeconds[name];
  return seconds === undefined || !Number.isFinite(seconds) ? '–' : ((seconds * 1000) / Math.max(1, requests)).toFixed(1);
}

const LABELS: Record<HeadlineRun, string> = {
  ours: 'ours (Apollo Server, Rust planner)',
  oursApollo: "ours with @apollo/gateway's planner (before)",
  oursDistinct: 'ours, every connection a different caller',
  hive: 'Hive Gateway (JS planner)',
  hiveRouter: 'Hive Gateway (Rust router runtime)',
  floor: 'SQL floor (mysql2, hand-written)',
};

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
export const ratio = (value: number, base: number) =>
  Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${(value / base).toFixed(2)}×` : '–';
/** A run beside a baseline, as the results tables show it: req/s and its ratio, p50 and its ratio, p95, p99, errors. */
export function comparedCells(
  run: Pick<LoadResult, 'throughput' | 'p50' | 'p95' | 'p99' | 'errors'>,
  base: Pick<LoadResult, 'throughput' | 'p50'>,
  throughputDigits = 0,
): string[] {
  return [
    run.throughput.toFixed(throughputDigits),
    ratio(run.throughput, base.throughput),
    ms(run.p50),
    ratio(run.p50, base.p50),
    ms(run.p95),
    ms(run.p99),
    String(run.errors),
  ];
}

export const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/** The report as Markdown (ratios against ours, measured in the same run), written with its JSON under bench/results/. */
export function writeReport(report: BenchReport): { markdown: string; files: string[] } {
  const engines: EngineName[] = ['ours', 'oursApollo', 'hive', 'hiveRouter'];
  const sections: string[] = [];
  sections.push(
    `# Benchmark, ${report.date.slice(0, 16).replace('T', ' ')} UTC\n\n${report.scale} scale on MariaDB; ${report.seconds} s per measurement after ${report.warmupSeconds} s of warm-up; closed-loop clients; every engine on the same four subgraph processes. Took ${report.minutes.toFixed(1)} min.`,
  );

  sections.push(
    `## Every documented operation at ${report.mixConnections} connections\n\nThroughput in requests/s, latency in ms; the ratio is the engine's figure over ours (throughput: higher is better; p50: lower is better). "same" says the engine's answer equals ours.\n\n` +
      table(
        [
          'operation',
          'SQL',
          ...engines.flatMap((e) =>
            e === 'ours' ? ['ours req/s', 'p50', 'p95', 'p99', 'errors'] : [`${e} req/s`, 'ratio', 'p50', 'ratio', 'errors', 'same'],
          ),
        ],
        report.operations.map((op) => {
          const ours = op.results.ours!;
          return [
            op.name,
            String(op.statements),
            ...engines.flatMap((engine) => {
              const r = op.results[engine];
              if (!r) return engine === 'ours' ? ['–', '–', '–', '–', '–'] : ['–', '–', '–', '–', '–', '–'];
              if (engine === 'ours') return [r.throughput.toFixed(0), ms(r.p50), ms(r.p95), ms(r.p99), String(r.errors)];
              return [
                r.throughput.toFixed(0),
                ratio(r.throughput, ours.throughput),
                ms(r.p50),
                ratio(r.p50, ours.p50),
                String(r.errors),
                op.sameAnswer[engine] === null ? '–' : op.sameAnswer[engine] ? 'yes' : 'NO',
              ];
            }),
          ];
        }),
      ),
  );

  sections.push(
    `## The headline operation (WhoResellsWhatToWhom) by concurrency\n\nThe floor gives the same answer (checked: ${report.floorMatches ? 'identical JSON' : 'DIFFERENT — see bench/floor.ts'}) with two SQL statements in the benchmark process. The engines' rows are one caller sending the same operation on every connection, so identical reads in flight can share subgraph fetches; "every connection a different caller" shares nothing.\n\n` +
      table(
        ['connections', 'engine', 'req/s', 'throughput vs ours', 'p50 ms', 'p50 vs ours', 'p95 ms', 'p99 ms', 'errors'],
        report.headline.flatMap((row) =>
          (['ours', 'oursDistinct', 'oursApollo', 'hive', 'hiveRouter', 'floor'] as const)
            .filter((engine) => row.results[engine])
            .map((engine) => [String(row.connections), LABELS[engine], ...comparedCells(row.results[engine]!, row.results.ours!)]),
        ),
      ),
  );

  if (report.direct) {
    const viaOurs = report.operations.find((op) => op.name === report.direct!.operation)?.results.ours;
    const r = report.direct.result;
    sections.push(
      `## ${report.direct.operation}: a single-subgraph operation, with and without a gateway (${report.mixConnections} connections)\n\nOne caller on every connection: through ours, identical reads in flight share one subgraph fetch; straight to the subgraph every request is executed.\n\n` +
        table(
          ['path', 'req/s', 'vs ours', 'p50 ms', 'vs ours', 'p99 ms', 'errors'],
          [
            [
              'through ours',
              viaOurs?.throughput.toFixed(0) ?? '–',
              '1.00×',
              ms(viaOurs?.p50 ?? NaN),
              '1.00×',
              ms(viaOurs?.p99 ?? NaN),
              String(viaOurs?.errors ?? '–'),
            ],
            [
              `${report.direct.subgraph} subgraph directly`,
              r.throughput.toFixed(0),
              ratio(r.throughput, viaOurs?.throughput ?? NaN),
              ms(r.p50),
              ratio(r.p50, viaOurs?.p50 ?? NaN),
              ms(r.p99),
              String(r.errors),
            ],
          ],
        ),
    );
  }

  const firstOf = (scale: string) => report.scaling.find((row) => row.scale === scale && row.first === 1);
  sections.push(
    `## Scaling curve: the headline operation by page size and data size (ours, one connection)\n\nThe ratio is against page size 1 at the same scale: cost should follow the rows returned, and SQL statements should not grow with the page.\n\n` +
      table(
        ['scale', 'first', 'SQL statements', 'p50 ms', 'vs first: 1', 'p99 ms'],
        report.scaling.map((row) => [
          row.scale,
          String(row.first),
          String(row.statements),
          ms(row.result.p50),
          ratio(row.result.p50, firstOf(row.scale)?.result.p50 ?? NaN),
          ms(row.result.p99),
        ]),
      ),
  );

  const errorSamples = [
    ...report.operations.flatMap((op) =>
      Object.entries(op.results).map(
        ([engine, r]) => [`${op.name}, ${engine}, ${report.mixConnections} connections`, r?.firstError] as const,
      ),
    ),
    ...report.headline.flatMap((row) =>
      Object.entries(row.results).map(([engine, r]) => [`headline, ${engine}, ${row.connections} connections`, r?.firstError] as const),
    ),
    ...report.population.map(
      (row) => [`${row.operation}, ${row.role}, population, ${report.populationConnections} connections`, row.result?.firstError] as const,
    ),
    ...report.overview.map((row) => [`ChannelOverview, ${row.run}, ${row.connections} connections`, row.result.firstError] as const),
    ...(report.day ? [[`mixed run, ${report.day.connections} connections`, report.day.total.firstError] as const] : []),
  ].filter(([, sample]) => sample);
  if (errorSamples.length > 0)
    sections.push(
      `## What the errors were (first of each run)\n\n` +
        errorSamples.map(([where, sample]) => `- ${where}: \`${sample!.replace(/`/g, "'")}\``).join('\n'),
    );

  const firstCpu = report.cpu[0];
  if (firstCpu) {
    const processes = ['gateway', 'partners', 'programs', 'licences', 'customers', 'database', 'self'];
    const names: Record<string, string> = { database: 'MariaDB', self: 'bench process' };
    sections.push(
      `## Where the CPU goes: the headline, CPU ms per answer by process\n\nFrom /proc over each run's counted requests (after its warm-up), divided by the answers; "bench process" is the load generator and, for the floor, mysql2 building the answer. At 1 connection nothing is shared: that is what one answer costs on its own. The machine has ${os.cpus().length} cores, so at most ${os.cpus().length * 1000} CPU ms per second exist for all of them together.\n\n` +
        table(
          ['connections', 'run', ...processes.map((name) => names[name] ?? name), 'total'],
          report.cpu.map((row) => {
            const perAnswer = (seconds: number | undefined) =>
              seconds === undefined ? '–' : ((seconds * 1000) / Math.max(1, row.requests)).toFixed(1);
            const total = Object.values(row.cpuSeconds).reduce((sum, seconds) => sum + (Number.isFinite(seconds) ? seconds : 0), 0);
            return [
              String(row.connections),
              LABELS[row.run],
              ...processes.map((name) => perAnswer(row.cpuSeconds[name])),
              perAnswer(total),
            ];
          }),
        ),
    );
  }

  if (report.population.length > 0) {
    sections.push(
      `## The population: every operation, a different caller on each of ${report.populationConnections} connections\n\nAnalysts, and PRIMARY and SECONDARY tools of ${report.populationConnections} different partners each (a partner asks about its own network and its own customers). Partners' reads are never shared between connections; analysts', who all see the same channel, may be (gateway/in-flight.ts). An operation a role may not run is skipped (the reason is the first caller's error code), not counted. CPU ms per answer from /proc over the counted requests, by process; "all" includes MariaDB and the bench process.\n\n` +
        table(
          [
            'operation',
            'role',
            'req/s',
            'p50 ms',
            'p99 ms',
            'errors',
            'CPU ms/answer, all',
            ...PROCESSES.slice(0, 6).map((name) => PROCESS_NAMES[name] ?? name),
          ],
          report.population.map((row) => {
            if (!row.result || !row.cpuSeconds)
              return [row.operation, row.role, `skipped: ${row.skipped ?? '?'}`, '', '', '', '', '', '', '', '', '', ''];
            const r = row.result;
            const cpu = row.cpuSeconds;
            return [
              row.operation,
              row.role,
              r.throughput.toFixed(0),
              ms(r.p50),
              ms(r.p99),
              String(r.errors),
              cpuPerAnswer(cpu, r.requests).toFixed(1),
              ...PROCESSES.slice(0, 6).map((name) => perProcess(cpu, name, r.requests)),
            ];
          }),
        ),
    );
  }

  if (report.day) {
    const day = report.day;
    const plan = Object.entries(day.plan)
      .map(([dayClass, n]) => `${n} ${dayClass}`)
      .join(', ');
    sections.push(
      `## A mixed run like a working day (${day.connections} connections, each a different caller)\n\n${plan}: partner tools (PRIMARY and SECONDARY alternately, each a different partner) cycle through the operations their role may run, on their own data; dashboards (analysts) open ChannelOverview; analysts cycle through every operation.\n\n` +
        table(
          ['callers', 'connections', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
          [
            ...Object.entries(day.byClass).map(([dayClass, r]) => [
              dayClass,
              String(day.plan[dayClass as DayClass]),
              (r.requests / day.total.seconds).toFixed(0),
              ms(r.p50),
              ms(r.p95),
              ms(r.p99),
              String(r.errors),
            ]),
            [
              'all',
              String(day.connections),
              day.total.throughput.toFixed(0),
              ms(day.total.p50),
              ms(day.total.p95),
              ms(day.total.p99),
              String(day.total.errors),
            ],
          ],
        ) +
        '\n\nCPU ms per answer by process over the whole run:\n\n' +
        table(
          [...PROCESSES.map((name) => PROCESS_NAMES[name] ?? name), 'all'],
          [
            [
              ...PROCESSES.map((name) => perProcess(day.cpuSeconds, name, day.total.requests)),
              cpuPerAnswer(day.cpuSeconds, day.total.requests).toFixed(1),
            ],
          ],
        ),
    );
  }

  if (report.overview.length > 0) {
    const runNames: Record<MeasuredRun, string> = {
      ours: 'ours, one caller',
      oursDistinct: 'ours, every connection a different caller',
      floor: 'SQL floor (mysql2, hand-written)',
    };
    sections.push(
      `## ChannelOverview beside its SQL floor\n\nThe floor (\`OverviewFloor\` in bench/floor.ts) gives the same answer (checked: ${report.overviewFloorMatches ? 'identical JSON' : 'DIFFERENT — see bench/floor.ts'}) with six SQL statements from the benchmark process (five at once, then customers by their provider's status once the statuses are read). CPU ms per answer by process.\n\n` +
        table(
          [
            'connections',
            'run',
            'req/s',
            'p50 ms',
            'p50 vs floor',
            'p99 ms',
            'errors',
            'CPU ms/answer, all',
            'vs floor',
            ...PROCESSES.map((name) => PROCESS_NAMES[name] ?? name),
          ],
          report.overview.map((row) => {
            const floor = report.overview.find((other) => other.run === 'floor' && other.connections === row.connections);
            const cpu = cpuPerAnswer(row.cpuSeconds, row.result.requests);
            return [
              String(row.connections),
              runNames[row.run],
              row.result.throughput.toFixed(0),
              ms(row.result.p50),
              ratio(row.result.p50, floor?.result.p50 ?? NaN),
              ms(row.result.p99),
              String(row.result.errors),
              cpu.toFixed(1),
              ratio(cpu, floor ? cpuPerAnswer(floor.cpuSeconds, floor.result.requests) : NaN),
              ...PROCESSES.map((name) => perProcess(row.cpuSeconds, name, row.result.requests)),
            ];
          }),
        ),
    );
  }

  if (Object.keys(report.memoryByRun).length > 0) {
    const names = [...new Set(Object.values(report.memoryByRun).flatMap((peaks) => Object.keys(peaks)))];
    sections.push(
      `## Peak resident memory by run (MiB)\n\nSampled every 0.5 s during the counted part of each run; "gateway" is the gateway that run went through.\n\n` +
        table(
          ['run', ...names],
          Object.entries(report.memoryByRun).map(([run, peaks]) => [
            run,
            ...names.map((name) => (peaks[name] === undefined ? '–' : peaks[name].toFixed(0))),
          ]),
        ),
    );
  }

  sections.push(
    `## Peak resident memory during the runs (MiB)\n\n` +
      table(
        ['process', 'MiB'],
        Object.entries(report.memoryMiB).map(([name, mib]) => [name, mib.toFixed(0)]),
      ),
  );

  const targetConnections = Math.max(...report.levels);
  const at = report.headline.find((row) => row.connections === targetConnections)?.results;
  const targets: string[][] = [];
  const met = (value: number, limit: number, unit = '') =>
    !Number.isFinite(value) ? '–' : value <= limit ? 'yes' : `no: ${(value / limit).toFixed(2)}× over${unit}`;
  if (at?.ours && at.hive) {
    const throughputVsHive = at.ours.throughput / at.hive.throughput;
    targets.push([
      'throughput ≥ Hive Gateway (JS planner)',
      `${throughputVsHive.toFixed(2)}× Hive's`,
      throughputVsHive >= 1 ? 'yes' : `no: ${((1 - throughputVsHive) * 100).toFixed(0)}% short`,
    ]);
  }
  if (at?.ours && at.floor) {
    const p50VsFloor = at.ours.p50 / at.floor.p50;
    targets.push(['p50 ≤ 3× the SQL floor, one caller', `${p50VsFloor.toFixed(2)}× the floor`, met(p50VsFloor, 3)]);
  }
  const cpuOf = (run: HeadlineRun) => {
    const row = report.cpu.find((entry) => entry.run === run && entry.connections === targetConnections);
    return row ? cpuPerAnswer(row.cpuSeconds, row.requests) : NaN;
  };
  if (at?.oursDistinct && at.floor) {
    const cpuRatio = cpuOf('oursDistinct') / cpuOf('floor');
    const p50Ratio = at.oursDistinct.p50 / at.floor.p50;
    targets.push(
      [
        "CPU per answer, all processes, every connection a different caller ≤ 1.5× the floor's",
        `${ms(cpuOf('oursDistinct'))} vs ${ms(cpuOf('floor'))} ms (${ratio(cpuOf('oursDistinct'), cpuOf('floor'))})`,
        met(cpuRatio, 1.5),
      ],
      [
        'p50, every connection a different caller ≤ 1.5× the floor',
        `${ms(at.oursDistinct.p50)} vs ${ms(at.floor.p50)} ms (${p50Ratio.toFixed(2)}×)`,
        met(p50Ratio, 1.5),
      ],
    );
  }
  const alone = (run: HeadlineRun) => {
    const row = report.cpu.find((entry) => entry.run === run && entry.connections === 1);
    return row ? cpuPerAnswer(row.cpuSeconds, row.requests) : NaN;
  };
  if (Number.isFinite(alone('ours')) && Number.isFinite(alone('floor')))
    targets.push([
      'CPU per answer at 1 connection, all processes (one answer on its own: nothing shared)',
      `${ms(alone('ours'))} vs ${ms(alone('floor'))} ms (${ratio(alone('ours'), alone('floor'))} the floor's)`,
      '(reported)',
    ]);
  const overviewAt = (run: MeasuredRun) =>
    report.overview.find((row) => row.run === run && row.connections === report.populationConnections);
  const [overviewDistinct, overviewFloor] = [overviewAt('oursDistinct'), overviewAt('floor')];
  if (overviewDistinct && overviewFloor) {
    const p50Ratio = overviewDistinct.result.p50 / overviewFloor.result.p50;
    const cpu = (row: typeof overviewFloor) => cpuPerAnswer(row.cpuSeconds, row.result.requests);
    targets.push([
      `ChannelOverview within 2× its floor (${report.populationConnections} connections, every one a different caller)`,
      `p50 ${ms(overviewDistinct.result.p50)} vs ${ms(overviewFloor.result.p50)} ms (${p50Ratio.toFixed(2)}×); CPU per answer ${ratio(cpu(overviewDistinct), cpu(overviewFloor))}`,
      met(p50Ratio, 2),
    ]);
  }
  const gatewayPeak = report.memoryByRun[`headline, ours, every connection a different caller, ${targetConnections} connections`]?.gateway;
  if (gatewayPeak !== undefined)
    targets.push([
      `gateway under 256 MiB at ${targetConnections} connections (headline, every connection a different caller)`,
      `${gatewayPeak.toFixed(0)} MiB peak resident`,
      met(gatewayPeak, 256),
    ]);
  if (at?.ours && at.floor && at.oursApollo)
    targets.push([
      "before: ours with @apollo/gateway's planner",
      `throughput ${ratio(at.oursApollo.throughput, at.ours.throughput)} ours, p50 ${ratio(at.oursApollo.p50, at.ours.p50)} ours (${ratio(at.oursApollo.p50, at.floor.p50)} the floor)`,
      '(reported)',
    ]);
  if (at?.ours && at.hiveRouter)
    targets.push([
      'vs Hive Gateway with the Rust router runtime',
      `throughput ${ratio(at.hiveRouter.throughput, at.ours.throughput)} ours, p50 ${ratio(at.hiveRouter.p50, at.ours.p50)} ours`,
      '(reported)',
    ]);
  if (targets.length > 0)
    sections.push(`## Targets at ${targetConnections} connections\n\n` + table(['target', 'measured', 'met'], targets));

  const markdown = sections.join('\n\n') + '\n';
  const directory = path.join(projectRoot(), 'bench', 'results');
  fs.mkdirSync(directory, { recursive: true });
  const [markdownFile, jsonFile] = [path.join(directory, 'latest.md'), path.join(directory, 'latest.json')];
  fs.writeFileSync(markdownFile, markdown);
  fs.writeFileSync(jsonFile, JSON.stringify(report, null, 2) + '\n');
  return { markdown, files: [markdownFile, jsonFile].map((file) => path.relative(projectRoot(), file)) };
}
