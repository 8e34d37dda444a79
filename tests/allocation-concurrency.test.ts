import type { Identity } from '../common/identity';
import { graphql } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const ALLOCATE = `mutation ($input: AllocateCoresInput!) { allocateCores(input: $input) { allocation { id cores } errors { code message field } } }`;
const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };
const REQUESTS = 60;

describe(`concurrent allocations against one licence (${storeLabel()})`, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it(`${REQUESTS} parallel allocateCores through the gateway never exceed the licence's cores, and every refusal says why`, async () => {
    const agreement = stack.dataset.agreements.find((a) => a.status === 'ACTIVE')!;
    const licence = stack.dataset.licences.find((l) => l.holderId === agreement.primaryId && l.status === 'ACTIVE')!;
    const sumActive = async () =>
      Number(
        (await stack.dataSources.licences.query("SELECT COALESCE(SUM(cores), 0) AS cores FROM licence_allocations WHERE licence_id = ? AND status = 'ACTIVE'", [licence.id]))[0].cores,
      );
    const availableBefore = licence.cores - (await sumActive());
    // Each asks for a share such that about a third of the requests can be granted.
    const cores = Math.max(1, Math.floor(availableBefore / (REQUESTS / 3)));
    const headers = await stack.authorization(VENDOR);
    const responses = await Promise.all(
      Array.from({ length: REQUESTS }, () =>
        graphql(stack.gatewayUrl, ALLOCATE, { input: { agreementId: agreement.id, licenceId: licence.id, cores, startsOn: '2026-07-01' } }, headers),
      ),
    );
    const granted = responses.filter((r) => r.data?.allocateCores.allocation);
    const refused = responses.filter((r) => !r.data?.allocateCores.allocation);
    expect(responses.every((r) => r.errors === undefined)).toBe(true);
    expect(granted.length).toBe(Math.floor(availableBefore / cores));
    expect(refused.length).toBe(REQUESTS - granted.length);
    for (const response of refused) {
      expect(response.data.allocateCores.errors[0]).toMatchObject({ code: 'RULE_VIOLATION', field: ['input', 'cores'] });
      expect(response.data.allocateCores.errors[0].message).toMatch(/has \d+ of \d+ available/);
    }
    const allocatedNow = await sumActive();
    expect(allocatedNow).toBe(licence.cores - availableBefore + granted.length * cores);
    expect(allocatedNow).toBeLessThanOrEqual(licence.cores);
  });
});
