import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import type { Identity } from '../../common/identity';
import type { Caller } from './auth';
import { mayNotChange, notFound, ownsOrReadsAll, requireLicenceDataOf, visibleOnly, visibleOrNull } from './scope';
import { Refusal, UserErrorCode } from './writes/user-error';

/** The one scope rule (subgraphs/kit/scope.ts) against its definition, over generated callers and partners. */

const ROLES: Identity['role'][] = ['VENDOR', 'ANALYST', 'PRIMARY', 'SECONDARY'];
const partnerIds = fc.constantFrom('ptn-1', 'ptn-2', 'ptn-3');
const callers = fc.record({ role: fc.constantFrom(...ROLES), partnerId: partnerIds }).map(({ role, partnerId }): Caller => ({
  identity: { subject: 's', role, partnerId: role === 'VENDOR' || role === 'ANALYST' ? null : partnerId },
}));

describe('ownsOrReadsAll', () => {
  it('is true for the whole-channel roles, and for a partner role exactly on its own partner', () => {
    fc.assert(
      fc.property(callers, fc.option(partnerIds, { nil: null }), (caller, partnerId) => {
        const { role, partnerId: own } = caller.identity;
        const expected = role === 'VENDOR' || role === 'ANALYST' ? true : partnerId !== null && partnerId === own;
        expect(ownsOrReadsAll(caller, partnerId)).toBe(expected);
      }),
    );
  });

  it('never lets a partner role read a record without an owner', () => {
    const caller: Caller = { identity: { subject: 's', role: 'SECONDARY', partnerId: 'ptn-1' } };
    expect(ownsOrReadsAll(caller, null)).toBe(false);
    expect(ownsOrReadsAll(caller, undefined)).toBe(false);
    expect(ownsOrReadsAll(caller, 'ptn-2')).toBe(false);
    expect(ownsOrReadsAll(caller, 'ptn-1')).toBe(true);
    // A partner-role identity without its partner (malformed) owns nothing, not even what has no owner.
    const orphan: Caller = { identity: { subject: 's', role: 'PRIMARY', partnerId: null } };
    expect(ownsOrReadsAll(orphan, null)).toBe(false);
    expect(ownsOrReadsAll(orphan, undefined)).toBe(false);
    expect(ownsOrReadsAll(orphan, 'ptn-1')).toBe(false);
  });
});

describe('visibleOrNull and visibleOnly', () => {
  it('answer an out-of-scope record exactly as a missing one (null), and a visible one as itself', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(fc.integer(), { nil: null }), fc.boolean(), fc.boolean(), async (record, visible, asynchronous) => {
        const decide = () => (asynchronous ? Promise.resolve(visible) : visible);
        const answer = await visibleOrNull(record, decide);
        expect(answer).toBe(record !== null && visible ? record : null);
      }),
    );
  });

  it('never asks about a missing record', async () => {
    let asked = 0;
    expect(await visibleOrNull(null, () => ++asked > 0)).toBeNull();
    expect(asked).toBe(0);
  });

  it('keep exactly the visible records of a list, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 20 })), fc.integer({ min: 1, max: 5 }), async (records, modulus) => {
        const visible = (n: number) => n % modulus === 0;
        expect(await visibleOnly(records, async (n) => visible(n))).toEqual(records.filter(visible));
      }),
    );
  });
});

describe('the refusals of writes', () => {
  it('notFound is the same NOT_FOUND for a missing and an out-of-scope target, naming only the id sent', () => {
    const refusal = notFound('agreementId', 'White-label agreement', 'wla-000001');
    expect(refusal).toBeInstanceOf(Refusal);
    expect(refusal.toUserError()).toEqual({
      code: UserErrorCode.NOT_FOUND,
      message: 'White-label agreement "wla-000001" was not found.',
      field: ['input', 'agreementId'],
    });
  });

  it('mayNotChange is FORBIDDEN naming the rule only', () => {
    const error = mayNotChange('Releasing an allocation', "the channel team (VENDOR) or the agreement's primary");
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toBe("Releasing an allocation is for the channel team (VENDOR) or the agreement's primary.");
  });
});

describe('requireLicenceDataOf', () => {
  it('passes for the whole channel and the partner itself; anyone else gets FORBIDDEN naming the field, the partner and the rule', () => {
    fc.assert(
      fc.property(callers, partnerIds, (caller, partnerId) => {
        const allowed = ownsOrReadsAll(caller, partnerId);
        let thrown: unknown = null;
        try {
          requireLicenceDataOf(caller, partnerId, 'licensedCores');
        } catch (error) {
          thrown = error;
        }
        if (allowed) return expect(thrown).toBeNull();
        expect(thrown).toBeInstanceOf(GraphQLError);
        expect((thrown as GraphQLError).extensions.code).toBe('FORBIDDEN');
        expect((thrown as GraphQLError).message).toBe(
          `licensedCores of partner "${partnerId}" is licence data of another partner: the ${caller.identity.role} role sees its own.`,
        );
      }),
    );
  });
});
