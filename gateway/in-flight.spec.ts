import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { InFlightReads } from './in-flight';

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
