import fs from 'node:fs';
import path from 'node:path';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import { AnsweredWrites, inFlightAnswersPlugin, InFlightReads, sharingKey } from './in-flight';

describe('sharing identical subgraph reads in flight', () => {
  it('fetches once for callers asking at the same time, each joiner getting its own copy', async () => {
    const reads = new InFlightReads();
    let fetches = 0;
    let answer: (response: GatewayGraphQLResponse) => void = () => undefined;
    const fetch = () => {
      fetches += 1;
      return new Promise<GatewayGraphQLResponse>((resolve) => (answer = resolve));
    };
    const both = Promise.all([reads.share('k', fetch), reads.share('k', fetch)]);
    expect(reads.size).toBe(1);
    const original = { data: { partner: { id: 'p1' } } };
    answer(original);
    const [first, second] = await both;
    expect(fetches).toBe(1);
    expect(first).toBe(original); // the first caller's read is not copied
    expect(second).not.toBe(original);
    expect(first).toEqual(second);
    (first.data as { partner: { id: string } }).partner.id = 'changed';
    expect((second.data as { partner: { id: string } }).partner.id).toBe('p1');
    expect(reads.size).toBe(0);
  });

  it("makes the joiners' copies with the copier given (the gateway parses them from the answer's text)", async () => {
    const copies: unknown[] = [];
    const reads = new InFlightReads((response) => {
      copies.push(response);
      return { ...response, data: JSON.parse(JSON.stringify(response.data)) as Record<string, unknown> };
    });
    const original = { data: { n: 1 } };
    const [first, second, third] = await Promise.all([0, 1, 2].map(() => reads.share('k', () => Promise.resolve(original))));
    expect(first).toBe(original);
    expect(copies).toEqual([original, original]);
    expect(second).toEqual(original);
    expect(third).not.toBe(second);
  });

  it('fetches again once the earlier read has settled, keeps different keys apart, and shares failures', async () => {
    const reads = new InFlightReads();
    let fetches = 0;
    const fetch = async () => ({ data: { n: ++fetches } });
    expect((await reads.share('k', fetch)).data).toEqual({ n: 1 });
    expect((await reads.share('k', fetch)).data).toEqual({ n: 2 });
    const [a, b] = await Promise.all([reads.share('a', fetch), reads.share('b', fetch)]);
    expect([a.data, b.data]).toEqual([{ n: 3 }, { n: 4 }]);
    const failing = () => Promise.reject(new Error('subgraph down'));
    await expect(Promise.all([reads.share('f', failing), reads.share('f', failing)])).rejects.toThrow('subgraph down');
    expect(reads.size).toBe(0);
  });
});

describe('with whom a subgraph read may be shared (sharingKey)', () => {
  const analyst = (subject: string): Identity => ({ subject, role: 'ANALYST', partnerId: null });
  const partner = (subject: string, role: 'PRIMARY' | 'SECONDARY', partnerId: string): Identity => ({ subject, role, partnerId });
  const query = '{ whiteLabelAgreements(first: 10) { edges { node { id } } } }';

  it('shares between callers of the same role and partner, whoever they are', () => {
    expect(sharingKey(analyst('a'), query)).toBe(sharingKey(analyst('b'), query));
    expect(sharingKey(partner('tool', 'PRIMARY', 'p1'), query)).toBe(sharingKey(partner('user', 'PRIMARY', 'p1'), query));
  });

  it('never across partners or roles', () => {
    const keys = [
      analyst('a'),
      { subject: 'a', role: 'VENDOR', partnerId: null } as Identity,
      partner('a', 'PRIMARY', 'p1'),
      partner('a', 'PRIMARY', 'p2'),
      partner('a', 'SECONDARY', 'p1'),
    ].map((identity) => sharingKey(identity, query));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('shares a read that asks who is calling (viewer) with the same subject only', () => {
    const viewer = '{ viewer { subject role } }';
    expect(sharingKey(analyst('a'), viewer)).not.toBe(sharingKey(analyst('b'), viewer));
    expect(sharingKey(analyst('a'), viewer)).toBe(sharingKey(analyst('a'), viewer));
  });

  it('is right to leave the subject out: no subgraph code reads it but viewer and writes', () => {
    // Scope is role and partner (subgraphs/kit/auth.ts). A new reader of the subject must be added to
    // SUBJECT_DEPENDENT in gateway/in-flight.ts (if a query reads it) or be a write, and then listed here.
    const allowed = new Set([
      'subgraphs/partners/viewer/viewer.resolver.ts',
      'subgraphs/partners/viewer/viewer.type.ts',
      'subgraphs/kit/writes/writer.ts',
      'subgraphs/kit/writes/tables.ts',
      'subgraphs/kit/writes/audit-event.entity.ts',
      'subgraphs/kit/writes/idempotency-key.entity.ts',
      // An API key's own identity (its id as subject), for the gateway's verification, not a caller's read.
      'subgraphs/partners/api-key/api-key.entity.ts',
      'subgraphs/partners/api-key/api-key.service.ts',
      'subgraphs/partners/api-key/api-key.type.ts',
    ]);
    const root = projectRoot();
    const sources = (fs.readdirSync(path.join(root, 'subgraphs'), { recursive: true }) as string[])
      .map((file) => path.join('subgraphs', file))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !/migrations?\//.test(file));
    expect(sources.length).toBeGreaterThan(50);
    const readers = sources.filter((file) => /\bsubject\b/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(readers.filter((file) => !allowed.has(file))).toEqual([]);
  });
});

describe('whole answers shared in flight (inFlightAnswersPlugin)', () => {
  interface Context {
    identity: Identity;
  }
  const analyst: Identity = { subject: 'a', role: 'ANALYST', partnerId: null };
  const source = '{ channelOverview { partnersTotal } }';
  /** Longer than any test's timeout: a wrong join hangs its test (which fails) instead of giving up waiting and passing. */
  const JOIN_WAIT_MS = 3_600_000;

  /** One request through the plugin's hooks, as Apollo Server calls them. */
  async function request(plugin: ApolloServerPlugin<Context>, identity: Identity, operation: 'query' | 'mutation' = 'query') {
    const hooks = (await plugin.requestDidStart!({} as GraphQLRequestContext<Context>)) as GraphQLRequestListener<Context>;
    const context = {
      contextValue: { identity },
      source,
      operationName: null,
      request: { variables: {} },
      operation: { operation },
      response: { body: { kind: 'single', singleResult: {} }, http: { headers: new Map() } },
    } as unknown as GraphQLRequestContext<Context>;
    const answered = hooks.responseForOperation!(context as never);
    return {
      /** The shared answer's data, or null when this request runs on its own (it leads, or gave up waiting). */
      async shared() {
        const response = await answered;
        return response && response.body.kind === 'single' ? (response.body.singleResult.data ?? null) : null;
      },
      /** Ends this request as Apollo Server does: its answer is sent. */
      async send(singleResult: { data?: Record<string, unknown>; errors?: unknown[] }) {
        await answered;
        (context as unknown as { response: { body: unknown } }).response.body = { kind: 'single', singleResult };
        await hooks.willSendResponse!(context as never);
      },
    };
  }

  function plugin(writes = new AnsweredWrites(), joinWaitMs = JOIN_WAIT_MS) {
    return inFlightAnswersPlugin<Context>(({ identity }) => identity, writes, joinWaitMs);
  }

  it("answers an identical query of a caller who sees the same data with the leader's data", async () => {
    const shared = plugin();
    const leader = await request(shared, analyst);
    expect(await leader.shared()).toBeNull();
    const joiner = await request(shared, { ...analyst, subject: 'another analyst' });
    await leader.send({ data: { channelOverview: { partnersTotal: 7 } } });
    expect(await joiner.shared()).toEqual({ channelOverview: { partnersTotal: 7 } });
  });

  it('never joins across roles or partners', async () => {
    const shared = plugin();
    const leader = await request(shared, { subject: 'p', role: 'PRIMARY', partnerId: 'p1' });
    for (const other of [
      { subject: 'p', role: 'SECONDARY', partnerId: 'p1' },
      { subject: 'p', role: 'PRIMARY', partnerId: 'p2' },
      analyst,
    ] as Identity[]) {
      const joiner = await request(shared, other);
      expect(await joiner.shared()).toBeNull();
      await joiner.send({ data: { other: true } });
    }
    await leader.send({ data: { mine: true } });
  });

  it('never answers a query that starts after a write was answered with a read from before it', async () => {
    const writes = new AnsweredWrites();
    const shared = plugin(writes);
    const before = await request(shared, analyst);
    const write = await request(shared, analyst, 'mutation');
    await write.send({ data: { written: true } });
    expect(writes.current).toBe(1);
    const after = await request(shared, analyst);
    expect(await after.shared()).toBeNull();
    await before.send({ data: { stale: true } });
    await after.send({ data: { fresh: true } });
  });

  it('shares no answer with errors, and stops waiting for a leader that never answers', async () => {
    const shared = plugin(new AnsweredWrites(), 50);
    const failing = await request(shared, analyst);
    const joiner = await request(shared, analyst);
    await failing.send({ data: { partial: true }, errors: [{ message: 'refused' }] });
    expect(await joiner.shared()).toBeNull();

    const stuck = await request(shared, analyst);
    expect(await stuck.shared()).toBeNull();
    const waiting = await request(shared, analyst);
    expect(await waiting.shared()).toBeNull();
    const afterward = await request(shared, analyst);
    expect(await afterward.shared()).toBeNull();
  });
});
