import { isDeepStrictEqual } from 'node:util';
import type { Identity } from '../../common/identity';
import type { Dataset } from '../../demo/generator';
import { setToday } from '../../common/dates';
import { graphql, operation } from '../kit/client';
import { startTestStack, type TestStack } from '../kit/stack';
import { ChannelModel, inForce } from './channel-model';
import { modelAnswer } from './model-api';

/**
 * The differential check: one operation, its variables and a caller, asked of the API through the
 * gateway and of the model; the answers must be equal (cursors aside, being opaque). Used by
 * tests/differential.test.ts (generated channels) and tests/differential-regressions.test.ts.
 */

export const ANALYST: Identity = { subject: 'differential-analyst', role: 'ANALYST', partnerId: null };

/** The day the differential tests stand on (the server's and the model's today). */
export const TODAY = '2026-06-30';

/**
 * A stack for one describe block of differential tests: started empty on TODAY (each test loads
 * its dataset), without the rate limit (answers, not limits, are compared: it would refuse the
 * larger operations of a run). The returned function gives the running stack.
 */
export function differentialStack(): () => TestStack {
  let stack: TestStack | undefined;
  beforeAll(async () => {
    stack = await startTestStack(null, { RATE_LIMIT_BURST: '0' });
    setToday(TODAY);
  });
  afterAll(async () => {
    setToday(null);
    await stack?.stop();
  });
  return () => stack!;
}

export interface Case {
  /** A documented operation's name (schema/operations/), or the name of `text`. */
  operation: string;
  /** The operation itself, for one that is not documented (a regression's smallest form). */
  text?: string;
  variables: Record<string, unknown>;
  caller: Identity;
}

export interface Outcome {
  /** A difference in data or in errors (any error the model does not give, FORBIDDEN included): the API answered something the rules do not say. */
  difference: string | null;
}

const OPAQUE = new Set(['cursor', 'startCursor', 'endCursor']);

/** Plain JSON without the opaque cursors (graphql-js answers with null-prototype objects). */
function withoutCursors(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null, (key, v: unknown) => (OPAQUE.has(key) ? undefined : v))) as unknown;
}

type ErrorLike = { path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> };
const errorKey = (error: ErrorLike) => `${(error.path ?? []).join('.')}:${String(error.extensions?.code)}`;

export async function runCase(stack: TestStack, model: ChannelModel, c: Case): Promise<Outcome> {
  const text = c.text ?? operation(c.operation);
  const api = await graphql(stack.gatewayUrl, text, c.variables, await stack.authorization(c.caller)).catch((error: unknown) => {
    throw new Error(`${c.operation} ${JSON.stringify(c.variables)} as ${c.caller.role}: ${String(error)}`, { cause: error });
  });
  const expected = modelAnswer(model, text, c.variables, c.caller);
  const apiData = withoutCursors(api.data ?? null);
  const modelData = withoutCursors(expected.data ?? null);
  const modelErrors = new Set((expected.errors ?? []).map((e) => errorKey(e as ErrorLike)));
  const unexpected: string[] = [];
  for (const error of api.errors ?? []) {
    const key = errorKey(error);
    if (!modelErrors.delete(key)) unexpected.push(`API error ${key} (${error.message})`);
  }
  const missing = [...modelErrors].map((key) => `model error ${key} not in the API's answer`);
  const differences = [...unexpected, ...missing];
  if (!isDeepStrictEqual(apiData, modelData)) differences.push(`data differs:\n${firstDifference(apiData, modelData)}`);
  return {
    difference:
      differences.length === 0
        ? null
        : `${c.operation} ${JSON.stringify(c.variables)} as ${c.caller.role} ${c.caller.partnerId ?? ''}: ${differences.join('; ')}`,
  };
}

/** Where two answers first part: a path and both values, short enough to read in a test failure. */
export function firstDifference(api: unknown, model: unknown, path = ''): string {
  if (isDeepStrictEqual(api, model)) return '';
  if (api && model && typeof api === 'object' && typeof model === 'object') {
    const keys = new Set([...Object.keys(api), ...Object.keys(model)]);
    for (const key of keys) {
      const inner = firstDifference((api as Record<string, unknown>)[key], (model as Record<string, unknown>)[key], `${path}.${key}`);
      if (inner) return inner;
    }
  }
  const show = (value: unknown) => JSON.stringify(value)?.slice(0, 400);
  return `at ${path || '(root)'}: API ${show(api)} / model ${show(model)}`;
}

/** Every day the data changes on, and the days either side: where the time rule has its edges. */
export function boundaryDays(data: Dataset): string[] {
  const days = new Set<string>();
  const add = (day: string | null) => {
    if (!day) return;
    for (const offset of [-1, 0, 1]) days.add(shift(day, offset));
  };
  const dated = [
    ...data.memberships.map((m) => [m.startedOn, m.endedOn]),
    ...[...data.licences, ...data.allocations, ...data.contracts].map((r) => [r.startsOn, r.endsOn]),
    ...data.agreements.map((a) => [a.signedOn, a.endsOn]),
  ];
  for (const [start, end] of dated) {
    add(start ?? null);
    add(end ?? null);
  }
  return [...days].sort();
}

function shift(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The cases for one dataset and a few days: every documented operation for an analyst, and for
 * a PRIMARY and a SECONDARY caller of partners with agreements (channel-wide operations are
 * FORBIDDEN to them: the model says so too).
 */
export function casesFor(data: Dataset, days: string[], today: string): Case[] {
  const cases: Case[] = [];
  const someDay = (i: number) => days[i % Math.max(1, days.length)] ?? today;
  const primaryId = data.agreements[0]?.primaryId ?? data.licences[0]?.holderId ?? data.partners[0]!.id;
  const secondaryId = data.agreements[0]?.secondaryId ?? data.partners.at(-1)!.id;
  const customerId = data.contracts[0]?.customerId ?? data.customers[0]?.id ?? 'cus-none';
  const callers: Identity[] = [
    ANALYST,
    { subject: 'differential-primary', role: 'PRIMARY', partnerId: primaryId },
    { subject: 'differential-secondary', role: 'SECONDARY', partnerId: secondaryId },
  ];
  const inForceSomeDay = data.agreements.some((a) => days.some((d) => inForce(a.signedOn, a.endsOn, d)));
  for (const caller of callers) {
    const analyst = caller.role === 'ANALYST';
    const own = caller.partnerId ?? primaryId;
    cases.push(
      { operation: 'WhoResellsWhatToWhom', variables: { first: 100 }, caller },
      { operation: 'PartnerDirectory', variables: { first: 100, filter: { channelStatus: 'NOT_ENROLLED' } }, caller },
      { operation: 'PartnerDirectory', variables: { first: 100, orderBy: { field: 'NAME', direction: 'DESC' } }, caller },
      { operation: 'LicenceSearch', variables: { first: 100 }, caller },
      { operation: 'LicenceSearch', variables: { first: 100, filter: { status: 'ACTIVE' } }, caller },
      { operation: 'AgreementSearch', variables: { first: 100, asOf: someDay(0) }, caller },
      { operation: 'AgreementSearch', variables: { first: 100, filter: { status: inForceSomeDay ? 'ACTIVE' : 'EXPIRED' } }, caller },
      { operation: 'CustomerSearch', variables: { first: 100 }, caller },
      { operation: 'CustomerSearch', variables: { first: 100, filter: { providerId: own } }, caller },
      { operation: 'CustomerLicenceChain', variables: { customerId }, caller },
      { operation: 'ExcludedPartnersAndCustomers', variables: { first: 100, customersFirst: 100 }, caller },
      { operation: 'ResellerNetwork', variables: { primaryId: own, asOf: someDay(1) }, caller },
      { operation: 'ResellerNetwork', variables: { primaryId: own }, caller },
    );
    if (analyst) {
      for (const [i, day] of days.entries())
        cases.push({
          operation: 'ChannelBeforeAndAfter',
          variables: i % 2 ? { before: day } : { before: day, after: someDay(i + 1) },
          caller,
        });
      cases.push(
        { operation: 'ChannelOverview', variables: {}, caller },
        { operation: 'CustomersAtRisk', variables: { first: 100 }, caller },
        { operation: 'CustomersAtRisk', variables: { first: 100, orderBy: { field: 'STARTS_ON', direction: 'ASC' } }, caller },
        { operation: 'ThresholdWhatIf', variables: { first: 100 }, caller },
        { operation: 'ThresholdWhatIf', variables: { first: 100, minLicensedCores: 1000 }, caller },
      );
    } else {
      cases.push(
        { operation: 'ChannelOverview', variables: {}, caller },
        { operation: 'ThresholdWhatIf', variables: { first: 5 }, caller },
      );
    }
  }
  return cases;
}
