import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { ConfigError, loadConfig, SUBGRAPH_NAMES } from '../common/config';
import { graphql, operation } from './kit/client';
import { rawRequests, type Exchange } from './kit/raw-http';
import { ANALYST, startTestStack, type RunningGatewayTier, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';
import { CustomerLicenceChainDocument } from '../client/generated/graphql';

const json = { 'content-type': 'application/json' };
const post = (query: string, variables: Record<string, unknown> = {}) => ({ headers: json, body: JSON.stringify({ query, variables }) });
const repeat = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join(' ');

/** What no answer may ever carry: a stack trace, an HTML error page, a subgraph's address. */
function expectNothingInternal(exchange: Exchange, subgraphPorts: number[]) {
  expect(exchange.text).not.toMatch(/stacktrace|exception|<html|<pre>|node_modules|\n\s+at |\\n\s+at /i);
  for (const port of subgraphPorts) expect(exchange.text).not.toContain(`:${port}`);
}

function expectRefused(exchange: Exchange, status: number, code: string) {
  expect({ status: exchange.status, codes: exchange.body.errors?.map((e) => e.extensions?.code) }).toEqual({ status, codes: [code] });
  expect(exchange.body.data ?? null).toBeNull();
}

const HEADLINE = operation('WhoResellsWhatToWhom');

describe('request limits in the configuration', () => {
  it('has defaults that let every documented operation through', () => {
    expect(loadConfig({}).limits).toEqual({
      maxDepth: 10,
      maxAliases: 15,
      maxRootFields: 10,
      maxTokens: 1000,
      maxDirectives: 20,
      maxCost: 50_000,
      maxBodyBytes: 100 * 1024,
    });
  });

  it('reads each limit from its variable; body sizes in bytes, kb or mb', () => {
    const limits = loadConfig({
      MAX_QUERY_DEPTH: '4',
      MAX_ALIASES: '0',
      MAX_ROOT_FIELDS: '3',
      MAX_TOKENS: '250',
      MAX_DIRECTIVES: '2',
      MAX_QUERY_COST: '900',
      MAX_BODY_SIZE: '64KB',
    }).limits;
    expect(limits).toEqual({
      maxDepth: 4,
      maxAliases: 0,
      maxRootFields: 3,
      maxTokens: 250,
      maxDirectives: 2,
      maxCost: 900,
      maxBodyBytes: 65_536,
    });
    expect(loadConfig({ MAX_BODY_SIZE: '1mb' }).limits.maxBodyBytes).toBe(1_048_576);
    expect(loadConfig({ MAX_BODY_SIZE: '2048' }).limits.maxBodyBytes).toBe(2048);
  });

  it.each([
    ['MAX_QUERY_DEPTH', '0'],
    ['MAX_QUERY_DEPTH', 'ten'],
    ['MAX_ALIASES', '-1'],
    ['MAX_ROOT_FIELDS', '1e3'],
    ['MAX_TOKENS', '0x10'],
    ['MAX_DIRECTIVES', '2.5'],
    ['MAX_QUERY_COST', '0'],
    ['MAX_BODY_SIZE', '1gb'],
    ['MAX_BODY_SIZE', '100'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(`${variable}=${JSON.stringify(value)}`);
  });
});

describe(`hostile queries at the gateway, default limits (${storeLabel()})`, () => {
  let stack: TestStack;
  let auth: Record<string, string>;
  let subgraphPorts: number[];
  const request = rawRequests(() => ({ url: stack.gatewayUrl, headers: auth }));

  beforeAll(async () => {
    stack = await startTestStack();
    auth = await stack.authorization(ANALYST);
    subgraphPorts = SUBGRAPH_NAMES.map((name) => stack.subgraphs[name].port);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const partnerId = () => stack.dataset.partners[0]!.id;

  /** Each case: the request, and the HTTP status and error code it must be refused with. */
  const corpus: Array<
    [name: string, make: () => { method?: string; headers?: Record<string, string>; body?: string }, status: number, code: string]
  > = [
    [
      'deep nesting (partner → licences → holder → … 12 levels)',
      () => post(`{ partner(id: "${partnerId()}") { ${'licences { holder { '.repeat(5)} name ${'} } '.repeat(5)} } }`),
      400,
      'DEPTH_LIMIT_EXCEEDED',
    ],
    [
      'deep nesting hidden in fragments',
      () =>
        post(`query { partner(id: "${partnerId()}") { ...L1 } }
          fragment L1 on Partner { licences { holder { ...L2 } } }
          fragment L2 on Partner { licences { holder { ...L3 } } }
          fragment L3 on Partner { licences { holder { ...L4 } } }
          fragment L4 on Partner { licences { holder { ...L5 } } }
          fragment L5 on Partner { licences { holder { ...L6 } } }
          fragment L6 on Partner { licences { holder { name } } }`),
      400,
      'DEPTH_LIMIT_EXCEEDED',
    ],
    [
      'alias bomb (100 aliases of one field)',
      () => post(`{ programs { ${repeat(100, (i) => `a${i}: code`)} } }`),
      400,
      'ALIAS_LIMIT_EXCEEDED',
    ],
    [
      'alias bomb through a fragment spread three times',
      () => post(`{ programs { ...F ...F ...F } } fragment F on Program { ${repeat(6, (i) => `f${i}: name`)} }`),
      400,
      'ALIAS_LIMIT_EXCEEDED',
    ],
    [
      'root field bomb (11 root fields)',
      () => post(`{ ${repeat(11, (i) => `r${i}: programs { code }`)} }`),
      400,
      'ROOT_FIELD_LIMIT_EXCEEDED',
    ],
    ['token flood (1,500 tokens)', () => post(`{ programs { ${repeat(1500, () => 'code')} } }`), 400, 'TOKEN_LIMIT_EXCEEDED'],
    [
      'directive overload (25 @include)',
      () => post(`{ programs { ${repeat(25, () => 'code @include(if: true)')} } }`),
      400,
      'DIRECTIVE_LIMIT_EXCEEDED',
    ],
    [
      'estimated cost (100 partners × 100 customers each)',
      () => post('{ partners(first: 100) { edges { node { customers(first: 100) { edges { node { name contracts { id } } } } } } } }'),
      400,
      'COST_ESTIMATED_TOO_EXPENSIVE',
    ],
    [
      'huge page as a literal (first: 1000000)',
      () => post('{ partners(first: 1000000) { edges { node { name } } } }'),
      400,
      'COST_ESTIMATED_TOO_EXPENSIVE',
    ],
    [
      'huge page as a variable (first: $n, n = 1000000)',
      () => post('query ($n: Int) { partners(first: $n) { edges { node { name } } } }', { n: 1_000_000 }),
      400,
      'COST_ESTIMATED_TOO_EXPENSIVE',
    ],
    [
      'fragment cycle',
      () => post('{ programs { ...A } } fragment A on Program { code ...B } fragment B on Program { name ...A }'),
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'fragment spreading itself',
      () => post('{ programs { ...A } } fragment A on Program { code ...A }'),
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['syntax error', () => post('{ programs { code }'), 400, 'GRAPHQL_PARSE_FAILED'],
    [
      'giant string variable (2 MB)',
      () => post('query ($s: String) { partners(filter: { nameContains: $s }) { totalCount } }', { s: 'x'.repeat(2_000_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'giant string literal (200 kB)',
      () => post(`{ partners(filter: { nameContains: "${'x'.repeat(200_000)}" }) { totalCount } }`),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['malformed JSON (truncated)', () => ({ headers: json, body: '{"query": "{ programs { code } }"' }), 400, 'BAD_REQUEST'],
    ['malformed JSON (garbage)', () => ({ headers: json, body: "{query: 'programs'}" }), 400, 'BAD_REQUEST'],
    ['JSON that is not an object', () => ({ headers: json, body: '"{ programs { code } }"' }), 400, 'BAD_REQUEST'],
    [
      'batched requests',
      () => ({ headers: json, body: JSON.stringify([{ query: '{ programs { code } }' }, { query: '{ programs { name } }' }]) }),
      400,
      'BAD_REQUEST',
    ],
    [
      'wrong content type: text/plain (CSRF)',
      () => ({ headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ programs { code } }' }) }),
      400,
      'BAD_REQUEST',
    ],
    [
      'wrong content type: form (CSRF)',
      () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B%20programs%20%7B%20code%20%7D%20%7D' }),
      400,
      'BAD_REQUEST',
    ],
    [
      'wrong content type: multipart (CSRF)',
      () => ({
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ programs { code } }\r\n--x--',
      }),
      400,
      'BAD_REQUEST',
    ],
    [
      'wrong content type: application/xml',
      () => ({ headers: { 'content-type': 'application/xml' }, body: '<query>{ programs { code } }</query>' }),
      400,
      'BAD_REQUEST',
    ],
    ['no content type (CSRF)', () => ({ headers: {}, body: JSON.stringify({ query: '{ programs { code } }' }) }), 400, 'BAD_REQUEST'],
    ['GET without a preflight header (CSRF)', () => ({ method: 'GET', headers: {}, body: undefined }), 400, 'BAD_REQUEST'],
  ];

  it.each(corpus)('refuses %s', async (_name, make, status, code) => {
    const init = make();
    const exchange = await request(
      init.method === 'GET' ? { ...init, headers: { accept: 'application/json' } } : init,
      init.method === 'GET' ? `${stack.gatewayUrl}?query=${encodeURIComponent('{ programs { code } }')}` : undefined,
    );
    expectRefused(exchange, status, code);
    expect(exchange.body.errors?.[0]?.message.length).toBeGreaterThan(10);
    expectNothingInternal(exchange, subgraphPorts);
  });

  /** Malformed requests (issue 14): each a specific 4xx naming what to fix, never 500 or INTERNAL_SERVER_ERROR, with either planner. */
  const zeros = '0'.repeat(64);
  const malformed: Array<
    [
      name: string,
      make: () => { method?: string; headers?: Record<string, string>; body?: string; url?: string },
      status: number,
      code: string,
      says: RegExp,
    ]
  > = [
    [
      'two operations without operationName',
      () => post('query A { programs { code } } query B { programs { name } }'),
      400,
      'BAD_REQUEST',
      /2 operations \("A", "B"\): send operationName/,
    ],
    [
      'an operationName that names none of them',
      () => ({ headers: json, body: JSON.stringify({ query: 'query A { programs { code } }', operationName: 'Z' }) }),
      400,
      'BAD_REQUEST',
      /operationName "Z" names none of the document's operations/,
    ],
    ['a subscription', () => post('subscription { programs { code } }'), 400, 'BAD_REQUEST', /serves no subscription operations/],
    [
      'an APQ hash that does not match its query',
      () => ({
        headers: json,
        body: JSON.stringify({ query: '{ programs { code } }', extensions: { persistedQuery: { version: 1, sha256Hash: zeros } } }),
      }),
      400,
      'PERSISTED_QUERY_HASH_MISMATCH',
      /sha256Hash is not the SHA-256 of the query sent/,
    ],
    [
      'an APQ version other than 1',
      () => ({
        headers: json,
        body: JSON.stringify({ query: '{ programs { code } }', extensions: { persistedQuery: { version: 2, sha256Hash: zeros } } }),
      }),
      400,
      'BAD_REQUEST',
      /version must be 1/,
    ],
    [
      'a nameContains of 50,000 characters',
      () => post('query ($s: String) { partners(filter: { nameContains: $s }) { totalCount } }', { s: 'x'.repeat(50_000) }),
      200,
      'BAD_USER_INPUT',
      /filter.nameContains has 50000 characters; it may have at most 200/,
    ],
    [
      'a customers nameContains of 1,000 characters',
      () => post(`{ customers(filter: { nameContains: "${'y'.repeat(1000)}" }) { totalCount } }`),
      200,
      'BAD_USER_INPUT',
      /filter.nameContains has 1000 characters/,
    ],
    ['query that is not a string', () => ({ headers: json, body: JSON.stringify({ query: 42 }) }), 400, 'BAD_REQUEST', /must be strings/],
    [
      'variables as a string',
      () => ({ headers: json, body: JSON.stringify({ query: '{ programs { code } }', variables: '{}' }) }),
      400,
      'BAD_REQUEST',
      /variables/,
    ],
    ['an empty JSON object', () => ({ headers: json, body: '{}' }), 400, 'BAD_REQUEST', /.+/],
    [
      'a variable of the wrong type',
      () => post('query ($f: Int) { partners(first: $f) { totalCount } }', { f: 'ten' }),
      400,
      'BAD_USER_INPUT',
      /Int cannot represent/,
    ],
    [
      'an unsupported charset',
      () => ({ headers: { 'content-type': 'application/json; charset=latin1' }, body: '{"query":"{ programs { code } }"}' }),
      415,
      'BAD_REQUEST',
      /charset/,
    ],
    [
      'a body that is not the gzip it claims to be',
      () => ({ headers: { ...json, 'content-encoding': 'gzip' }, body: '{"query":"{ programs { code } }"}' }),
      400,
      'BAD_REQUEST',
      /Content-Encoding/,
    ],
    ['a PUT', () => ({ method: 'PUT', ...post('{ programs { code } }') }), 405, 'BAD_REQUEST', /GET\/POST/],
    [
      'a mutation over GET',
      () => ({
        method: 'GET',
        headers: { 'apollo-require-preflight': '1', accept: 'application/json' },
        url: `?query=${encodeURIComponent('mutation { createCustomer(input: { name: "x", country: "IT", industry: RETAIL, sovereignCloudRequired: false }) { errors { code } } }')}`,
      }),
      405,
      'BAD_REQUEST',
      /GET requests only support query operations/,
    ],
  ];

  it.each(malformed)('answers %s with a specific refusal', async (_name, make, status, code, says) => {
    const { url, ...init } = make();
    const exchange = await request(init, url ? `${stack.gatewayUrl}${url}` : undefined);
    expect({ status: exchange.status, codes: exchange.body.errors?.map((e) => e.extensions?.code) }).toEqual({ status, codes: [code] });
    expect(exchange.body.errors?.[0]?.message).toMatch(says);
    expect(exchange.body.data ?? null).toBeNull();
    expectNothingInternal(exchange, subgraphPorts);
  });

  it('answers a GET with apollo-require-preflight and no Accept, or curl’s Accept: */*, as it answers a POST (with credentials)', async () => {
    const url = `${stack.gatewayUrl}?query=${encodeURIComponent('{ programs { code } }')}`;
    for (const accept of [undefined, '*/*']) {
      const headers: Record<string, string> = { ...auth, 'apollo-require-preflight': '1', ...(accept ? { accept } : {}) };
      const response = await fetch(url, { headers });
      expect({ accept, status: response.status }).toEqual({ accept, status: 200 });
      const body = (await response.json()) as { data?: { programs: unknown[] }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.programs).toHaveLength(4);
      // Without credentials the same request is 401, not a Sandbox page and not an internal error.
      const anonymous = await fetch(url, { headers: { 'apollo-require-preflight': '1', ...(accept ? { accept } : {}) } });
      expect({ accept, status: anonymous.status }).toEqual({ accept, status: 401 });
    }
  });

  it('answers an operation the Rust planner cannot plan (a @requires field under a nested entity of the same type)', async () => {
    const partnerWithMemberships = stack.dataset.memberships[0]!.partnerId;
    const response = await request(
      post(
        `{ partner(id: "${partnerWithMemberships}") { meetsAdvantageThreshold memberships { partner { id meetsAdvantageThreshold } } } }`,
      ),
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const { partner } = response.body.data as {
      partner: {
        meetsAdvantageThreshold: boolean | null;
        memberships: Array<{ partner: { id: string; meetsAdvantageThreshold: boolean | null } }>;
      };
    };
    expect(partner.memberships.length).toBeGreaterThan(0);
    for (const membership of partner.memberships) {
      expect(membership.partner).toEqual({
        id: partnerWithMemberships,
        meetsAdvantageThreshold: partner.meetsAdvantageThreshold,
      });
    }
  });

  it('says which limit was hit and what was found', async () => {
    const deep = await request(post(`{ partner(id: "${partnerId()}") { ${'licences { holder { '.repeat(5)} name ${'} } '.repeat(5)} } }`));
    expect(deep.body.errors?.[0]?.message).toBe('Query depth limit of 10 exceeded, found 12.');
    const aliases = await request(post(`{ programs { ${repeat(16, (i) => `a${i}: code`)} } }`));
    expect(aliases.body.errors?.[0]?.message).toBe('Aliases limit of 15 exceeded, found 16.');
    const roots = await request(post(`{ ${repeat(11, (i) => `r${i}: programs { code }`)} }`));
    expect(roots.body.errors?.[0]?.message).toBe('Root fields limit of 10 exceeded, found 11.');
    const tokens = await request(post(`{ programs { ${repeat(1500, () => 'code')} } }`));
    expect(tokens.body.errors?.[0]?.message).toBe('Token limit of 1000 exceeded.');
    const directives = await request(post(`{ programs { ${repeat(21, () => 'code @include(if: true)')} } }`));
    expect(directives.body.errors?.[0]?.message).toBe('Directives limit of 20 exceeded, found 21.');
    const cost = await request(post('{ partners(first: 1000000) { edges { node { name } } } }'));
    // The connection 1 + 1,000,000 edges × (edge 1 + node 1).
    expect(cost.body.errors?.[0]?.message).toBe(
      "This operation's estimated cost is 2000001, above the maximum of 50000: ask for smaller pages (first) or fewer nested lists.",
    );
    expect(cost.body.errors?.[0]?.extensions?.cost).toEqual({ estimated: 2_000_001, max: 50_000 });
    const body = await request(
      post('query ($s: String) { partners(filter: { nameContains: $s }) { totalCount } }', { s: 'x'.repeat(2_000_000) }),
    );
    expect(body.body.errors?.[0]?.message).toBe('The request body is larger than the limit of 102400 bytes.');
    const malformed = await request({ headers: json, body: '{"query": ' });
    expect(malformed.body.errors?.[0]?.message).toBe('The request body is not valid JSON.');
  });

  it('refuses huge pages passed as variables with BAD_USER_INPUT from the subgraph', async () => {
    for (const first of [101, 1_000_000]) {
      const exchange = await request(post('query ($first: Int) { partners(first: $first) { totalCount } }', { first }));
      expect(exchange.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(exchange.body.errors?.[0]?.message).toContain('between 1 and 100');
      expectNothingInternal(exchange, subgraphPorts);
    }
    const literal = await request(post('{ partners(first: 1000) { totalCount } }'));
    expect(literal.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('counts a root field asked twice under one name once, and does not count __typename', async () => {
    const exchange = await request(
      post(`{ __typename ${repeat(10, (i) => `r${i}: programs { code }`)} ${repeat(5, () => 'r0: programs { code }')} }`),
    );
    expect(exchange.status).toBe(200);
    expect(exchange.body.errors).toBeUndefined();
  });

  it('lets the deepest and largest documented operations through, also at 100 per page written inline', async () => {
    const customerId = stack.dataset.contracts.find((c) => c.allocationId && c.status === 'ACTIVE')!.customerId;
    const chain = await graphql(stack.gatewayUrl, CustomerLicenceChainDocument, { customerId }, auth);
    expect(chain.errors).toBeUndefined();
    expect(chain.data?.customer?.id).toBe(customerId);
    const inline = HEADLINE.replace('$first: Int = 20, ', '').replace('first: $first', 'first: 100');
    expect(inline).toContain('first: 100');
    const headline = await graphql(stack.gatewayUrl, inline, {}, auth);
    expect(headline.errors).toBeUndefined();
    expect(headline.data.whiteLabelAgreements.totalCount).toBe(stack.dataset.agreements.filter((a) => a.status === 'ACTIVE').length);
  });

  it('gives field suggestions in development (production hides them)', async () => {
    const response = await graphql(stack.gatewayUrl, '{ programz { code } }', {}, auth);
    expect(response.errors?.[0]?.message).toMatch(/Did you mean "program" or "programs"\?/);
  });

  it('lets the Sandbox introspect the schema in development', async () => {
    const exchange = await request(
      post(
        getIntrospectionQuery({
          descriptions: true,
          specifiedByUrl: true,
          directiveIsRepeatable: true,
          schemaDescription: true,
          inputValueDeprecation: true,
        }),
      ),
    );
    expect(exchange.status).toBe(200);
    expect(exchange.body.errors).toBeUndefined();
    expect((exchange.body.data as IntrospectionQuery).__schema.types.length).toBeGreaterThan(20);
  });

  it('keeps answering the headline operation correctly after the whole corpus', async () => {
    for (const [, make] of corpus) await request(make());
    const response = await graphql(stack.gatewayUrl, HEADLINE, { first: 50 }, auth);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const active = stack.dataset.agreements.filter((a) => a.status === 'ACTIVE');
    expect(response.data.whiteLabelAgreements.totalCount).toBe(active.length);
    expect(response.data.whiteLabelAgreements.edges.length).toBe(Math.min(50, active.length));
    for (const { node } of response.data.whiteLabelAgreements.edges) {
      expect(node.primary.id).toBe(active.find((a) => a.id === node.id)!.primaryId);
    }
    const ready = await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/ready'));
    expect(ready.status).toBe(200);
  });

  describe('a gateway with tighter limits from the environment', () => {
    let tight: RunningGatewayTier;
    let url: string;
    beforeAll(async () => {
      tight = await stack.startGateway({
        MAX_QUERY_DEPTH: '3',
        MAX_ALIASES: '1',
        MAX_ROOT_FIELDS: '2',
        MAX_TOKENS: '40',
        MAX_DIRECTIVES: '1',
        MAX_QUERY_COST: '100',
        MAX_BODY_SIZE: '2kb',
      });
      url = tight.url;
    });
    afterAll(async () => {
      await tight?.close();
    });

    it.each([
      [
        'MAX_QUERY_DEPTH',
        '{ partners(first: 1) { pageInfo { hasNextPage } } }',
        '{ partners(first: 1) { edges { node { name } } } }',
        'DEPTH_LIMIT_EXCEEDED',
      ],
      ['MAX_ALIASES', '{ programs { a: code } }', '{ programs { a: code b: code } }', 'ALIAS_LIMIT_EXCEEDED'],
      [
        'MAX_ROOT_FIELDS',
        '{ programs { code } partners(first: 1) { totalCount } }',
        '{ programs { code } partners(first: 1) { totalCount } customers(first: 1) { totalCount } }',
        'ROOT_FIELD_LIMIT_EXCEEDED',
      ],
      [
        'MAX_TOKENS',
        `{ programs { ${repeat(30, () => 'code')} } }`,
        `{ programs { ${repeat(40, () => 'code')} } }`,
        'TOKEN_LIMIT_EXCEEDED',
      ],
      [
        'MAX_DIRECTIVES',
        '{ programs { code @include(if: true) } }',
        '{ programs { code @include(if: true) name @skip(if: false) } }',
        'DIRECTIVE_LIMIT_EXCEEDED',
      ],
      // The connection 1 + `first` edges of 1: 100 is the limit itself.
      [
        'MAX_QUERY_COST',
        '{ partners(first: 99) { edges { cursor } } }',
        '{ partners(first: 100) { edges { cursor } } }',
        'COST_ESTIMATED_TOO_EXPENSIVE',
      ],
    ])('%s: accepts up to the limit, refuses beyond it', async (_variable, within, beyond, code) => {
      const ok = await request(post(within), url);
      expect(ok.status).toBe(200);
      expect(ok.body.errors).toBeUndefined();
      expectRefused(await request(post(beyond), url), 400, code);
    });

    it('MAX_BODY_SIZE: accepts up to the limit, refuses beyond it', async () => {
      // Padded with a comment: any argument long enough would meet its own text limit first.
      const query = (padding: number) => `# ${'x'.repeat(padding)}\n{ partners(first: 1) { totalCount } }`;
      const ok = await request(post(query(1500)), url);
      expect(ok.status).toBe(200);
      expect(ok.body.errors).toBeUndefined();
      const refused = await request(post(query(2100)), url);
      expectRefused(refused, 413, 'PAYLOAD_TOO_LARGE');
      expect(refused.body.errors?.[0]?.message).toBe('The request body is larger than the limit of 2048 bytes.');
    });
  });
});

describe(`production mode at the gateway (${storeLabel()})`, () => {
  let stack: TestStack;
  let auth: Record<string, string>;
  let subgraphPorts: number[];
  const request = rawRequests(() => ({ url: stack.gatewayUrl, headers: auth }));

  beforeAll(async () => {
    stack = await startTestStack('demo', {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'hostile-queries-test-jwt-secret-0123456789',
      INTERNAL_AUTH_SECRET: 'hostile-queries-test-internal-secret-0123456789',
    });
    expect(stack.config.environment).toBe('production');
    auth = await stack.authorization(ANALYST);
    subgraphPorts = SUBGRAPH_NAMES.map((name) => stack.subgraphs[name].port);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers normal queries', async () => {
    const response = await graphql(stack.gatewayUrl, HEADLINE, { first: 5 }, auth);
    expect(response.errors).toBeUndefined();
    expect(response.data.whiteLabelAgreements.edges).toHaveLength(5);
  });

  it.each([
    ['the full introspection query', getIntrospectionQuery()],
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "Partner") { fields { name } } }'],
  ])('refuses introspection to partner roles, answers it to analysts (the query IDE): %s', async (_name, query) => {
    const partnerId = stack.dataset.partners[0]!.id;
    for (const role of ['PRIMARY', 'SECONDARY'] as const) {
      const partner = await stack.authorization({ subject: `hostile-${role}`, role, partnerId });
      const exchange = await request({ ...post(query), headers: { ...json, ...partner } });
      expectRefused(exchange, 403, 'FORBIDDEN');
      expect(exchange.body.errors?.[0]?.message).toContain(`open to VENDOR and ANALYST callers, not to ${role}`);
    }
    const analyst = await request(post(query));
    expect(analyst.status).toBe(200);
    expect(analyst.body.errors).toBeUndefined();
  });

  it.each([
    ['a misspelt field', '{ programz { code } }', 'GRAPHQL_VALIDATION_FAILED', {}],
    ['a misspelt argument', '{ partners(frist: 1) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED', {}],
    ['a misspelt type', 'query ($f: PartnerFiltr) { partners(filter: $f) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED', {}],
    ['a misspelt input field', '{ partners(filter: { nameContain: "a" }) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED', {}],
    ['a misspelt enum value', '{ channelPartners(status: EXCLUDE) { totalCount } }', 'BAD_USER_INPUT', {}],
    [
      'a misspelt enum value in a variable',
      'query ($s: ChannelStatus!) { channelPartners(status: $s) { totalCount } }',
      'BAD_USER_INPUT',
      { s: 'EXCLUDE' },
    ],
    [
      'a misspelt input field in a variable',
      'query ($f: PartnerFilter) { partners(filter: $f) { totalCount } }',
      'BAD_USER_INPUT',
      { f: { nameContain: 'a' } },
    ],
  ])('gives no field suggestions for %s', async (_name, query, code, variables) => {
    const exchange = await request(post(query, variables));
    expect(new Set(exchange.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set([code]));
    expect(exchange.text).not.toMatch(/did you mean/i);
  });

  it('still refuses every limit with its code', async () => {
    expectRefused(await request(post(`{ programs { ${repeat(16, (i) => `a${i}: code`)} } }`)), 400, 'ALIAS_LIMIT_EXCEEDED');
    expectRefused(await request({ headers: json, body: '{"query": ' }), 400, 'BAD_REQUEST');
    expectRefused(await request(post('{ programs { code } }', { s: 'x'.repeat(200_000) })), 413, 'PAYLOAD_TOO_LARGE');
  });

  describe('subgraph errors reach clients without stack traces or internal addresses', () => {
    /** A misbehaving subgraph: answers every request as `mode` says. */
    let mode: 'client-error-with-stack' | 'unauthorized' | 'html-500';
    let fake: http.Server;
    let fakeUrl: string;
    let gateway: RunningGatewayTier;
    let gatewayUrl: string;

    beforeAll(async () => {
      fake = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          if (mode === 'client-error-with-stack') {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(
              JSON.stringify({
                data: null,
                errors: [
                  {
                    message: `No such cursor at ${fakeUrl}\n    at LicenceResolver.licences (/srv/licences/resolver.js:10:5)`,
                    extensions: {
                      code: 'BAD_USER_INPUT',
                      stacktrace: ['GraphQLError: No such cursor', '    at LicenceResolver.licences (/srv/licences/resolver.js:10:5)'],
                      exception: { stacktrace: ['GraphQLError: No such cursor', '    at /srv/licences/resolver.js:10:5'] },
                    },
                  },
                ],
              }),
            );
          } else if (mode === 'unauthorized') {
            res.writeHead(401, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ errors: [{ message: `refused by ${fakeUrl}`, extensions: { code: 'UNAUTHENTICATED' } }] }));
          } else {
            res.writeHead(500, { 'content-type': 'text/html' });
            res.end(`<html><pre>TypeError: boom\n    at /srv/licences/main.js:1:1 (${fakeUrl})</pre></html>`);
          }
        });
      });
      await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
      fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`;
      gateway = await stack.startGateway({}, { licences: fakeUrl });
      gatewayUrl = gateway.url;
    });
    afterAll(async () => {
      await gateway?.close();
      await new Promise((resolve) => fake?.close(resolve));
    });

    it.each([
      ['a client error carrying a stack trace and the subgraph URL', 'client-error-with-stack', 'BAD_USER_INPUT'],
      ['an HTTP 401 from the subgraph', 'unauthorized', 'UNAUTHENTICATED'],
      ['an HTML 500 page from the subgraph', 'html-500', 'INTERNAL_SERVER_ERROR'],
    ] as const)('%s', async (_name, answer, code) => {
      mode = answer;
      const exchange = await request(post('{ licences(first: 1) { totalCount } }'), gatewayUrl);
      expect(exchange.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      expectNothingInternal(exchange, [...subgraphPorts, (fake.address() as AddressInfo).port]);
      expect(exchange.text).not.toContain('/srv/');
    });

    it('a subgraph that is down (last: it stops the licences subgraph)', async () => {
      await stack.subgraphs.licences.close();
      const exchange = await request(post('{ licences(first: 1) { totalCount } }'));
      // A subgraph that cannot be reached is SERVICE_UNAVAILABLE naming it (README, "Running unattended"), never its address.
      expectRefused(exchange, 200, 'SERVICE_UNAVAILABLE');
      expect(exchange.body.errors?.[0]?.message).toMatch(/^The licences subgraph cannot be reached/);
      expect(exchange.body.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', subgraph: 'licences', reason: 'UNREACHABLE' });
      expectNothingInternal(exchange, subgraphPorts);
      expect(exchange.text).not.toMatch(/ECONNREFUSED|fetch failed|127\.0\.0\.1/);
    });
  });
});
