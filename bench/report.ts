import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../common/paths';
import type { LoadResult } from './load';

export type EngineName = 'ours' | 'oursApollo' | 'hive' | 'hiveRouter';
export type HeadlineRun = EngineName | 'oursDistinct' | 'floor';

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
  minutes: number;
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
            .map((engine) => {
              const r = row.results[engine]!;
              const ours = row.results.ours!;
              return [
                String(row.connections),
                LABELS[engine],
                r.throughput.toFixed(0),
                ratio(r.throughput, ours.throughput),
                ms(r.p50),
                ratio(r.p50, ours.p50),
                ms(r.p95),
                ms(r.p99),
                String(r.errors),
              ];
            }),
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
      `## Where the CPU goes: the headline at ${firstCpu.connections} connections, CPU ms per answer by process\n\nFrom /proc over each run's counted requests (after its warm-up), divided by the answers; "bench process" is the load generator and, for the floor, mysql2 building the answer. The machine has ${os.cpus().length} cores, so at most ${os.cpus().length * 1000} CPU ms per second exist for all of them together.\n\n` +
        table(
          ['run', ...processes.map((name) => names[name] ?? name), 'total'],
          report.cpu.map((row) => {
            const perAnswer = (seconds: number | undefined) =>
              seconds === undefined ? '–' : ((seconds * 1000) / Math.max(1, row.requests)).toFixed(1);
            const total = Object.values(row.cpuSeconds).reduce((sum, seconds) => sum + (Number.isFinite(seconds) ? seconds : 0), 0);
            return [LABELS[row.run], ...processes.map((name) => perAnswer(row.cpuSeconds[name])), perAnswer(total)];
          }),
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
  if (at?.ours && at.hive && at.floor) {
    const throughputVsHive = at.ours.throughput / at.hive.throughput;
    const p50VsFloor = at.ours.p50 / at.floor.p50;
    const distinctVsFloor = at.oursDistinct ? at.oursDistinct.p50 / at.floor.p50 : NaN;
    sections.push(
      `## Targets at ${targetConnections} connections (headline operation)\n\n` +
        table(
          ['target', 'measured', 'met'],
          [
            [
              'throughput ≥ Hive Gateway (JS planner)',
              `${throughputVsHive.toFixed(2)}× Hive's`,
              throughputVsHive >= 1 ? 'yes' : `no: ${((1 - throughputVsHive) * 100).toFixed(0)}% short`,
            ],
            [
              'p50 ≤ 3× the SQL floor',
              `${p50VsFloor.toFixed(2)}× the floor`,
              p50VsFloor <= 3 ? 'yes' : `no: ${(p50VsFloor / 3).toFixed(1)}× over the target`,
            ],
            [
              'p50 ≤ 3× the SQL floor, every connection a different caller',
              Number.isFinite(distinctVsFloor) ? `${distinctVsFloor.toFixed(2)}× the floor` : '–',
              !Number.isFinite(distinctVsFloor)
                ? '–'
                : distinctVsFloor <= 3
                  ? 'yes'
                  : `no: ${(distinctVsFloor / 3).toFixed(1)}× over the target`,
            ],
            [
              "before: ours with @apollo/gateway's planner",
              at.oursApollo
                ? `throughput ${ratio(at.oursApollo.throughput, at.ours.throughput)} ours, p50 ${ratio(at.oursApollo.p50, at.ours.p50)} ours (${ratio(at.oursApollo.p50, at.floor.p50)} the floor)`
                : '–',
              '(reported)',
            ],
            [
              'vs Hive Gateway with the Rust router runtime',
              at.hiveRouter
                ? `throughput ${ratio(at.hiveRouter.throughput, at.ours.throughput)} ours, p50 ${ratio(at.hiveRouter.p50, at.ours.p50)} ours`
                : '–',
              '(reported)',
            ],
          ],
        ),
    );
  }

  const markdown = sections.join('\n\n') + '\n';
  const directory = path.join(projectRoot(), 'bench', 'results');
  fs.mkdirSync(directory, { recursive: true });
  const [markdownFile, jsonFile] = [path.join(directory, 'latest.md'), path.join(directory, 'latest.json')];
  fs.writeFileSync(markdownFile, markdown);
  fs.writeFileSync(jsonFile, JSON.stringify(report, null, 2) + '\n');
  return { markdown, files: [markdownFile, jsonFile].map((file) => path.relative(projectRoot(), file)) };
}
