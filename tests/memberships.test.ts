import type { Identity } from '../common/identity';
import { channelFacts } from './kit/channel-facts';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

const FIELDS =
  'membership { id status role startedOn endedOn reason program { code } partner { id channelStatus } } errors { code message field }';
const INVITE = `mutation ($input: InviteToProgramInput!) { inviteToProgram(input: $input) { ${FIELDS} } }`;
const decision = (name: string) => `mutation ($input: MembershipDecisionInput!) { ${name}(input: $input) { ${FIELDS} } }`;
const VENDOR: Identity = { subject: 'channel-team', role: 'VENDOR', partnerId: null };

describe(`program decisions: invite, admit, refuse, terminate (${storeLabel()})`, () => {
  let stack: TestStack;
  const membershipRows = () => stack.rowCount('programs', 'program_memberships');

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('admission to ADVANTAGE checks licensed cores now: below 3,500 refused, above admitted and PRIMARY at once', async () => {
    const facts = channelFacts(stack.dataset);
    const small = facts.partnersWith('EXCLUDED').find((p) => facts.licensedCores(p.id) < 3500)!;
    const invited = await stack.as(VENDOR, INVITE, { input: { programCode: 'ADVANTAGE', partnerId: small.id, invitedOn: '2026-07-01' } });
    const membership = invited.data.inviteToProgram.membership;
    expect(membership).toMatchObject({
      status: 'INVITED',
      program: { code: 'ADVANTAGE' },
      partner: { id: small.id, channelStatus: 'EXCLUDED' },
    });
    const refused = await stack.as(VENDOR, decision('admitToProgram'), { input: { membershipId: membership.id } });
    expect(refused.data.admitToProgram.membership).toBeNull();
    expect(refused.data.admitToProgram.errors[0]).toMatchObject({ code: 'RULE_VIOLATION', field: ['input', 'membershipId'] });
    expect(refused.data.admitToProgram.errors[0].message).toContain(`holds ${facts.licensedCores(small.id)} licensed cores`);

    const pending = stack.dataset.memberships.find((m) => m.status === 'INVITED')!;
    expect(facts.licensedCores(pending.partnerId)).toBeGreaterThanOrEqual(3500);
    const admitted = await stack.as(VENDOR, decision('admitToProgram'), { input: { membershipId: pending.id, on: '2026-07-15' } });
    expect(admitted.data.admitToProgram).toMatchObject({
      membership: { status: 'ACTIVE', startedOn: '2026-07-15', partner: { channelStatus: 'PRIMARY' } },
      errors: [],
    });
    const seen = await stack.as(VENDOR, `{ partner(id: "${pending.partnerId}") { channelStatus } }`, {});
    expect(seen.data.partner.channelStatus).toBe('PRIMARY');
    const trail = await stack.as(
      VENDOR,
      `{ programsAuditTrail(filter: { entityId: "${pending.id}" }) { edges { node { action before after } } } }`,
      {},
    );
    const event = trail.data.programsAuditTrail.edges[0].node;
    expect(event.action).toBe('admitToProgram');
    expect(JSON.parse(event.before).status).toBe('INVITED');
    expect(JSON.parse(event.after).status).toBe('ACTIVE');
  });

  it('refuses, terminates, and refuses the decisions that break a rule, writing nothing', async () => {
    const facts = channelFacts(stack.dataset);
    const excluded = facts.partnersWith('EXCLUDED');
    const invited = await stack.as(VENDOR, INVITE, {
      input: { programCode: 'ADVANTAGE', partnerId: excluded[1]!.id, invitedOn: '2026-07-01' },
    });
    const id = invited.data.inviteToProgram.membership.id;
    const refused = await stack.as(VENDOR, decision('refuseMembership'), { input: { membershipId: id, reason: 'Below the threshold' } });
    expect(refused.data.refuseMembership.membership).toMatchObject({ status: 'NOT_INVITED', reason: 'Below the threshold' });

    const primaryMembership = stack.dataset.memberships.find((m) => m.status === 'ACTIVE' && m.role === 'PRIMARY')!;
    const terminated = await stack.as(VENDOR, decision('terminateMembership'), {
      input: { membershipId: primaryMembership.id, on: '2026-08-31', reason: 'Left the program' },
    });
    expect(terminated.data.terminateMembership.membership).toMatchObject({ status: 'TERMINATED', endedOn: '2026-08-31' });

    const before = await membershipRows();
    const active = stack.dataset.memberships.find(
      (m) => m.status === 'ACTIVE' && stack.dataset.programs.find((p) => p.id === m.programId)!.code === 'ADVANTAGE',
    )!;
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [INVITE, { programCode: 'ADVANTAGE', partnerId: active.partnerId, invitedOn: '2026-07-01' }, 'CONFLICT', 'partnerId'],
      [INVITE, { programCode: 'ADVANTAGE', partnerId: 'ptn-unknown', invitedOn: '2026-07-01' }, 'NOT_FOUND', 'partnerId'],
      [INVITE, { programCode: 'WHITE_LABEL', partnerId: excluded[2]!.id, invitedOn: '2026-07-01' }, 'BAD_USER_INPUT', 'role'],
      [INVITE, { programCode: 'VCPP', partnerId: excluded[2]!.id, invitedOn: '2026-07-01', role: 'SECONDARY' }, 'BAD_USER_INPUT', 'role'],
      [decision('admitToProgram'), { membershipId: active.id }, 'RULE_VIOLATION', 'membershipId'],
      [decision('terminateMembership'), { membershipId: 'mbr-unknown' }, 'NOT_FOUND', 'membershipId'],
      [decision('terminateMembership'), { membershipId: active.id, on: '2001-01-01' }, 'BAD_USER_INPUT', 'on'],
    ];
    for (const [mutation, input, code, field] of cases) {
      const response = await stack.as(VENDOR, mutation, { input });
      const payload = Object.values(response.data)[0] as { membership: unknown; errors: Array<{ code: string; field: string[] }> };
      expect({ input, membership: payload.membership, code: payload.errors[0]?.code, field: payload.errors[0]?.field }).toEqual({
        input,
        membership: null,
        code,
        field: ['input', field],
      });
    }
    expect(await membershipRows()).toBe(before);

    // A white-label primary must be an ADVANTAGE member.
    const wl = await stack.as(VENDOR, INVITE, {
      input: { programCode: 'WHITE_LABEL', partnerId: excluded[3]!.id, invitedOn: '2026-07-01', role: 'PRIMARY' },
    });
    const admitWl = await stack.as(VENDOR, decision('admitToProgram'), { input: { membershipId: wl.data.inviteToProgram.membership.id } });
    expect(admitWl.data.admitToProgram.errors[0]).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(admitWl.data.admitToProgram.errors[0].message).toContain('ADVANTAGE');
  });

  it('program decisions are the channel team’s: other roles are FORBIDDEN', async () => {
    const partnerId = channelFacts(stack.dataset).partnersWith('EXCLUDED')[4]!.id;
    const before = await membershipRows();
    for (const identity of [
      { subject: 'analyst', role: 'ANALYST', partnerId: null },
      { subject: 'primary', role: 'PRIMARY', partnerId: channelFacts(stack.dataset).partnersWith('PRIMARY')[0]!.id },
      { subject: 'self', role: 'SECONDARY', partnerId },
    ] as Identity[]) {
      const response = await stack.as(identity, INVITE, { input: { programCode: 'ADVANTAGE', partnerId, invitedOn: '2026-07-01' } });
      expect({ role: identity.role, code: response.errors?.[0]?.extensions?.code }).toEqual({ role: identity.role, code: 'FORBIDDEN' });
    }
    expect(await membershipRows()).toBe(before);
  });
});
