import type { Identity } from '../common/identity';
import { graphql } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const OPEN = `mutation ($input: OpenContractInput!) { openServiceContract(input: $input) { contract { id coresInUse } errors { code message field } } }`;
const ALLOCATE = `mutation ($input: AllocateCoresInput!) { allocateCores(input: $input) { allocation { id cores } errors { code message field } } }`;
const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };
const REQUESTS = 60;

describe(`concurrent writes sharing cores: allocations on one licence, contracts on one allocation (${storeLabel()})`, () => {
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
        (
          await stack.dataSources.licences.query(
            "SELECT COALESCE(SUM(cores), 0) AS cores FROM licence_allocations WHERE licence_id = ? AND status = 'ACTIVE'",
            [licence.id],
          )
        )[0].cores,
      );
    const availableBefore = licence.cores - (await sumActive());
    // Each asks for a share such that about a third of the requests can be granted.
    const cores = Math.max(1, Math.floor(availableBefore / (REQUESTS / 3)));
    const headers = await stack.authorization(VENDOR);
    const responses = await Promise.all(
      Array.from({ length: REQUESTS }, () =>
        graphql(
          stack.gatewayUrl,
          ALLOCATE,
          { input: { agreementId: agreement.id, licenceId: licence.id, cores, startsOn: '2026-07-01' } },
          headers,
        ),
      ),
    );
    const granted = responses.filter((r) => r.data?.allocateCores.allocation);
    const refused = responses.filter((r) => !r.data?.allocateCores.allocation);
    expect(responses.filter((r) => r.errors !== undefined).map((r) => r.errors)).toEqual([]);
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

  it(`${REQUESTS} parallel openServiceContract on one allocation never exceed its cores, and every refusal says why`, async () => {
    const allocation = stack.dataset.allocations.find((a) => a.status === 'ACTIVE')!;
    const inUse = async () =>
      Number(
        (
          await stack.dataSources.customers.query(
            "SELECT COALESCE(SUM(cores_in_use), 0) AS cores FROM service_contracts WHERE allocation_id = ? AND status = 'ACTIVE'",
            [allocation.id],
          )
        )[0].cores,
      );
    const freeBefore = allocation.cores - (await inUse());
    const cores = Math.max(1, Math.floor(freeBefore / (REQUESTS / 3)));
    const headers = await stack.authorization(VENDOR);
    const customers = stack.dataset.customers.slice(0, REQUESTS);
    const responses = await Promise.all(
      customers.map((customer) =>
        graphql(
          stack.gatewayUrl,
          OPEN,
          {
            input: {
              customerId: customer.id,
              providerId: allocation.secondaryId,
              allocationId: allocation.id,
              coresInUse: cores,
              startsOn: '2026-07-01',
            },
          },
          headers,
        ),
      ),
    );
    expect(responses.filter((r) => r.errors !== undefined).map((r) => r.errors)).toEqual([]);
    const granted = responses.filter((r) => r.data?.openServiceContract.contract);
    expect(granted.length).toBe(Math.floor(freeBefore / cores));
    for (const response of responses.filter((r) => !r.data?.openServiceContract.contract)) {
      expect(response.data.openServiceContract.errors[0]).toMatchObject({ code: 'RULE_VIOLATION', field: ['input', 'coresInUse'] });
    }
    expect(await inUse()).toBe(allocation.cores - freeBefore + granted.length * cores);
  });
});
