import { issueToken, type Identity } from '../common/identity';
import type { Dataset } from '../demo/generator';
import { ContractStatus } from '../subgraphs/customers/contract/contract.entity';
import { AgreementStatus } from '../subgraphs/licences/agreement/agreement.entity';
import { summarise, type LoadResult, type Task } from './load';

/** The roles the population is made of: analysts read the whole channel, partner tools their own partner's data. */
export const POPULATION_ROLES = ['ANALYST', 'PRIMARY', 'SECONDARY'] as const;
export type PopulationRole = (typeof POPULATION_ROLES)[number];

/** One caller of the population: its identity and its bearer token. */
export interface Caller {
  identity: Identity;
  authorization: string;
}

export interface Operation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Many different callers: `size` analysts, and PRIMARY and SECONDARY tokens of `size` different
 * partners each (partners party to active white-label agreements, spread over the directory), so
 * no two connections of a run are the same caller and nothing can be shared between them.
 */
export class Population {
  private constructor(
    private readonly callersByRole: Record<PopulationRole, Caller[]>,
    private readonly customerOf: Map<string, string>,
  ) {}

  static async create(data: Dataset, size: number, sign: (identity: Identity) => Promise<string>): Promise<Population> {
    const active = data.agreements.filter((agreement) => agreement.status === AgreementStatus.ACTIVE);
    const spread = (ids: Iterable<string>) => {
      const sorted = [...new Set(ids)].sort();
      const step = Math.max(1, Math.floor(sorted.length / size));
      return Array.from({ length: Math.min(size, sorted.length) }, (_, index) => sorted[index * step]!);
    };
    const partnerIds: Record<Exclude<PopulationRole, 'ANALYST'>, string[]> = {
      PRIMARY: spread(active.map((agreement) => agreement.primaryId)),
      SECONDARY: spread(active.map((agreement) => agreement.secondaryId)),
    };
    const identities: Record<PopulationRole, Identity[]> = {
      ANALYST: Array.from({ length: size }, (_, index) => ({ subject: `analyst-${index}`, role: 'ANALYST', partnerId: null })),
      PRIMARY: partnerIds.PRIMARY.map((partnerId) => ({ subject: `tool-${partnerId}`, role: 'PRIMARY', partnerId })),
      SECONDARY: partnerIds.SECONDARY.map((partnerId) => ({ subject: `tool-${partnerId}`, role: 'SECONDARY', partnerId })),
    };
    const callers = Object.fromEntries(
      await Promise.all(
        POPULATION_ROLES.map(
          async (role) =>
            [
              role,
              await Promise.all(identities[role].map(async (identity) => ({ identity, authorization: `Bearer ${await sign(identity)}` }))),
            ] as const,
        ),
      ),
    ) as Record<PopulationRole, Caller[]>;
    // A customer each partner serves under a contract in force (CustomerLicenceChain asks about its own customer).
    const customerOf = new Map<string, string>();
    for (const contract of data.contracts)
      if (contract.status === ContractStatus.ACTIVE && !customerOf.has(contract.providerId))
        customerOf.set(contract.providerId, contract.customerId);
    return new Population(callers, customerOf);
  }

  /** Signs population tokens as the benchmark's identity provider does. */
  static signer(secret: string): (identity: Identity) => Promise<string> {
    return (identity) => issueToken(identity, { secret, issuer: 'channel-graph', audience: 'channel-graph', expiresIn: '2h' });
  }

  callers(role: PopulationRole): Caller[] {
    return this.callersByRole[role];
  }

  /**
   * What this caller asks with this operation: the documented example, except where the example
   * names one partner's record, which a partner tool asks about its own (its network, one of its
   * customers).
   */
  variables(operation: Operation, caller: Caller): Record<string, unknown> {
    const partnerId = caller.identity.partnerId;
    if (!partnerId) return operation.variables;
    if (operation.name === 'ResellerNetwork') return { ...operation.variables, primaryId: partnerId };
    if (operation.name === 'CustomerLicenceChain')
      return { ...operation.variables, customerId: this.customerOf.get(partnerId) ?? operation.variables.customerId };
    return operation.variables;
  }

  /** Each connection `worker` is the caller `worker` of the role (modulo their number), with its own body. */
  requests(operation: Operation, role: PopulationRole): (worker: number) => { body: string; headers: Record<string, string> } {
    const callers = this.callers(role);
    const requests = callers.map((caller) => ({
      body: JSON.stringify({ query: operation.query, variables: this.variables(operation, caller) }),
      headers: { authorization: caller.authorization },
    }));
    return (worker) => requests[worker % requests.length]!;
  }
}

/** The kinds of caller in the mixed run. */
export const DAY_CLASSES = ['partner tools', 'dashboards', 'analysts'] as const;
export type DayClass = (typeof DAY_CLASSES)[number];

/**
 * How the `connections` of the mixed run are shared out, like a working day: three quarters partner
 * tools (PRIMARY and SECONDARY alternately, each a different partner, cycling through what their
 * role may run on their own data), about a sixth dashboards (analysts, each opening the overview),
 * the rest analysts (each cycling through every operation).
 */
export function dayPlan(connections: number): DayClass[] {
  const dashboards = Math.max(1, Math.round(connections / 6));
  const analysts = Math.max(1, Math.round(connections / 12));
  const tools = Math.max(1, connections - dashboards - analysts);
  return [
    ...Array<DayClass>(tools).fill('partner tools'),
    ...Array<DayClass>(dashboards).fill('dashboards'),
    ...Array<DayClass>(analysts).fill('analysts'),
  ];
}

/** One request of the mixed run, as a function of the connection and its request counter. */
export type DayRequest = (worker: number, turn: number) => { body: string; headers: Record<string, string> };

/**
 * The mixed run's task: connection `worker` is a caller of its class (a different one each), and
 * asks in turn for the operations of its class; the latencies are kept per class.
 */
export function dayTask(
  plan: DayClass[],
  request: (dayClass: DayClass, worker: number, turn: number) => { body: string; headers: Record<string, string> },
  send: (body: string, headers: Record<string, string>) => Promise<true | false | string>,
): { task: Task; byClass: () => Record<DayClass, LoadResult>; reset: () => void } {
  const turns = new Map<number, number>();
  let latencies = new Map<DayClass, number[]>();
  let errors = new Map<DayClass, number>();
  let started = performance.now();
  const task: Task = async (worker) => {
    const dayClass = plan[worker % plan.length]!;
    const turn = turns.get(worker) ?? 0;
    turns.set(worker, turn + 1);
    const { body, headers } = request(dayClass, worker, turn);
    const begun = performance.now();
    const outcome = await send(body, headers);
    const kept = latencies.get(dayClass) ?? [];
    kept.push(performance.now() - begun);
    latencies.set(dayClass, kept);
    if (outcome !== true) errors.set(dayClass, (errors.get(dayClass) ?? 0) + 1);
    return outcome;
  };
  return {
    task,
    reset: () => {
      latencies = new Map();
      errors = new Map();
      started = performance.now();
    },
    byClass: () => {
      const seconds = (performance.now() - started) / 1000;
      return Object.fromEntries(
        DAY_CLASSES.map((dayClass) => [
          dayClass,
          summarise(latencies.get(dayClass) ?? [], errors.get(dayClass) ?? 0, plan.filter((c) => c === dayClass).length, seconds),
        ]),
      ) as Record<DayClass, LoadResult>;
    },
  };
}
