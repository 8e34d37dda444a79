import type { Identity } from '../common/identity';
import { channelFacts } from './kit/channel-facts';
import { graphql, type Edges } from './kit/client';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const SIGN = `mutation ($input: SignAgreementInput!) { signWhiteLabelAgreement(input: $input) { agreement { id status signedOn primary { id } secondary { id } } errors { code message field } } }`;
const TERMINATE = `mutation ($input: TerminateAgreementInput!) { terminateWhiteLabelAgreement(input: $input) { agreement { id status endsOn allocations { id status endsOn } } errors { code message field } } }`;
const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };

describe(`signing and terminating white-label agreements (${storeLabel()})`, () => {
  let stack: TestStack;
  let primaries: string[];
  let excluded: string[];
  const agreementRows = () => stack.rowCount('licences', 'white_label_agreements');

  beforeAll(async () => {
    stack = await startTestStack();
    const facts = channelFacts(stack.dataset);
    primaries = facts.partnersWith('PRIMARY').map((p) => p.id);
    excluded = facts.partnersWith('EXCLUDED').map((p) => p.id);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('signs between an active primary and an excluded partner, visible in the agreements list and the audit trail', async () => {
    const response = await stack.as(VENDOR, SIGN, { input: { primaryId: primaries[0], secondaryId: excluded[0], signedOn: '2026-07-01' } });
    expect(response.errors).toBeUndefined();
    const { agreement, errors } = response.data.signWhiteLabelAgreement;
    expect(errors).toEqual([]);
    expect(agreement).toMatchObject({
      status: 'ACTIVE',
      signedOn: '2026-07-01',
      primary: { id: primaries[0] },
      secondary: { id: excluded[0] },
    });
    const listed = await stack.as(
      VENDOR,
      `{ whiteLabelAgreements(filter: { primaryId: "${primaries[0]}", secondaryId: "${excluded[0]}", status: ACTIVE }) { totalCount } }`,
      {},
    );
    expect(listed.data.whiteLabelAgreements.totalCount).toBe(1);
    const trail = await stack.as<{ licencesAuditTrail: { edges: Edges<{ action: string; actorSubject: string }> } }>(
      VENDOR,
      `{ licencesAuditTrail(filter: { entityId: "${agreement.id}" }) { edges { node { action actorSubject } } } }`,
      {},
    );
    expect(trail.data?.licencesAuditTrail.edges.map((e) => e.node)).toEqual([
      { action: 'signWhiteLabelAgreement', actorSubject: 'channel-team' },
    ]);
  });

  it('refuses each broken rule with its code and field, and writes nothing', async () => {
    const active = stack.dataset.agreements.find((a) => a.status === 'ACTIVE')!;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ primaryId: excluded[1], secondaryId: excluded[2] }, 'RULE_VIOLATION', 'primaryId'],
      [{ primaryId: primaries[1], secondaryId: primaries[2] }, 'RULE_VIOLATION', 'secondaryId'],
      [{ primaryId: primaries[1], secondaryId: 'ptn-unknown' }, 'NOT_FOUND', 'secondaryId'],
      [{ primaryId: primaries[1], secondaryId: primaries[1] }, 'BAD_USER_INPUT', 'secondaryId'],
      [{ primaryId: active.primaryId, secondaryId: active.secondaryId }, 'CONFLICT', 'secondaryId'],
      [{ primaryId: primaries[1], secondaryId: excluded[3], endsOn: '2026-01-01' }, 'BAD_USER_INPUT', 'endsOn'],
    ];
    const before = await agreementRows();
    for (const [input, code, field] of cases) {
      const response = await stack.as(VENDOR, SIGN, { input: { signedOn: '2026-07-01', ...input } });
      const { agreement, errors } = response.data.signWhiteLabelAgreement;
      expect({ input, agreement, code: errors[0]?.code, field: errors[0]?.field }).toEqual({
        input,
        agreement: null,
        code,
        field: ['input', field],
      });
    }
    expect(await agreementRows()).toBe(before);
  });

  it('signing the same pair 10 times at once makes exactly one active agreement', async () => {
    const input = { primaryId: primaries[2], secondaryId: excluded[4], signedOn: '2026-07-01' };
    const headers = await stack.authorization(VENDOR);
    const responses = await Promise.all(Array.from({ length: 10 }, () => graphql(stack.gatewayUrl, SIGN, { input }, headers)));
    const signed = responses.filter((r) => r.data?.signWhiteLabelAgreement.agreement);
    expect(signed).toHaveLength(1);
    for (const refused of responses.filter((r) => !r.data?.signWhiteLabelAgreement.agreement)) {
      expect(refused.data.signWhiteLabelAgreement.errors[0].code).toBe('CONFLICT');
    }
    const rows = await stack.dataSources.licences.query(
      "SELECT COUNT(*) AS n FROM white_label_agreements WHERE primary_id = ? AND secondary_id = ? AND status = 'ACTIVE'",
      [input.primaryId, input.secondaryId],
    );
    expect(Number(rows[0].n)).toBe(1);
  });

  it('terminating releases the allocations; the pair may then sign again', async () => {
    const agreement = stack.dataset.agreements.find(
      (a) => a.status === 'ACTIVE' && stack.dataset.allocations.some((x) => x.agreementId === a.id && x.status === 'ACTIVE'),
    )!;
    const response = await stack.as(VENDOR, TERMINATE, { input: { agreementId: agreement.id, endsOn: '2026-08-31' } });
    const terminated = response.data.terminateWhiteLabelAgreement.agreement;
    expect(terminated).toMatchObject({ status: 'TERMINATED', endsOn: '2026-08-31' });
    expect(terminated.allocations.length).toBeGreaterThan(0);
    for (const allocation of terminated.allocations.filter(
      (a: { id: string }) => stack.dataset.allocations.find((x) => x.id === a.id)?.status === 'ACTIVE',
    )) {
      expect(allocation).toMatchObject({ status: 'RELEASED', endsOn: '2026-08-31' });
    }
    const again = await stack.as(VENDOR, TERMINATE, { input: { agreementId: agreement.id } });
    expect(again.data.terminateWhiteLabelAgreement.errors[0].code).toBe('RULE_VIOLATION');
    const resigned = await stack.as(VENDOR, SIGN, {
      input: { primaryId: agreement.primaryId, secondaryId: agreement.secondaryId, signedOn: '2026-09-01' },
    });
    expect(resigned.data.signWhiteLabelAgreement.errors).toEqual([]);
  });

  it('only the channel team and the primary itself may sign or terminate', async () => {
    const input = { primaryId: primaries[3], secondaryId: excluded[5], signedOn: '2026-07-01' };
    for (const identity of [
      { subject: 'analyst', role: 'ANALYST', partnerId: null },
      { subject: 'other', role: 'PRIMARY', partnerId: primaries[4] },
      { subject: 'secondary', role: 'SECONDARY', partnerId: excluded[5] },
    ] as Identity[]) {
      const response = await stack.as(identity, SIGN, { input });
      expect({ role: identity.role, code: response.errors?.[0]?.extensions?.code }).toEqual({ role: identity.role, code: 'FORBIDDEN' });
    }
    const own = await stack.as({ subject: 'the-primary', role: 'PRIMARY', partnerId: primaries[3]! }, SIGN, { input });
    expect(own.data.signWhiteLabelAgreement.errors).toEqual([]);
  });
});
