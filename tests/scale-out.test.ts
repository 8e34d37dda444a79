import type { Identity } from '../common/identity';
import { startStack, type Stack } from '../stack/stack';
import { graphql } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };

/**
 * Several instances: gateways and subgraphs keep no state of their own between requests, so a
 * second instance of everything on the same databases answers exactly like the first, and sees
 * at once what a write through the first one changed.
 */
describe(`two instances of the stack on one store (${storeLabel()})`, () => {
  let first: TestStack;
  let second: Stack;

  beforeAll(async () => {
    first = await startTestStack();
    second = await startStack({ ...first.config, runMigrations: false }, { ports: 'ephemeral', seed: null });
  });
  afterAll(async () => {
    await second?.close();
    await first?.stop();
  });

  it('a write through one instance is read through the other in the next request', async () => {
    const headers = await first.authorization(VENDOR);
    const partner = first.dataset.partners[3]!;
    const read = (url: string) => graphql(url, `{ partner(id: "${partner.id}") { name website } }`, {}, headers);
    expect((await read(second.gatewayUrl)).data).toEqual((await read(first.gatewayUrl)).data);

    const renamed = await graphql(
      first.gatewayUrl,
      'mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { errors { code } } }',
      { input: { id: partner.id, name: `${partner.name} Cloud`, website: 'https://renamed.example' } },
      headers,
    );
    expect(renamed.data.updatePartner.errors).toEqual([]);
    expect((await read(second.gatewayUrl)).data.partner).toEqual({ name: `${partner.name} Cloud`, website: 'https://renamed.example' });
  });
});
