import fs from 'node:fs';
import path from 'node:path';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Identity } from '../common/identity';
import { projectRoot } from '../common/paths';
import { InFlightReads, sharingKey } from './in-flight';

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
