import { channelRuleViolations } from '../tests/kit/channel-rules';
import { generateDataset, SCALES } from './generator';

describe('demo data generator', () => {
  it.each(['demo', 'full'] as const)('obeys every channel rule at %s scale', (scale) => {
    const data = generateDataset(scale);
    expect(channelRuleViolations(data)).toEqual([]);
    expect(data.partners).toHaveLength(SCALES[scale].partners);
    expect(data.customers).toHaveLength(SCALES[scale].customers);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDataset('demo')).toEqual(generateDataset('demo'));
    expect(generateDataset('demo', 7).partners[0]?.name).not.toEqual(generateDataset('demo', 8).partners[0]?.name);
  });

  it('keeps history: ended contracts, terminated memberships and agreements, released allocations', () => {
    const data = generateDataset('demo');
    expect(data.contracts.some((c) => c.status === 'ENDED')).toBe(true);
    expect(data.memberships.some((m) => m.status === 'TERMINATED' && m.endedOn)).toBe(true);
    expect(data.agreements.some((a) => a.status === 'TERMINATED')).toBe(true);
    expect(data.allocations.some((a) => a.status === 'RELEASED')).toBe(true);
  });

  it('the rule check catches a dated record outside its parent (a contract before its licence)', () => {
    const data = generateDataset('demo');
    const contract = data.contracts.find((c) => c.licenceId !== null)!;
    const licence = data.licences.find((l) => l.id === contract.licenceId)!;
    contract.startsOn = '2001-01-01';
    expect(channelRuleViolations(data)).toContainEqual(expect.stringContaining(`contract ${contract.id} (2001-01-01..`));
    expect(channelRuleViolations(data)).toContainEqual(expect.stringContaining(`licence ${licence.id}`));
  });

  it('the rule check catches a broken dataset', () => {
    const data = generateDataset('demo');
    const allocation = data.allocations.find((a) => a.status === 'ACTIVE')!;
    allocation.cores += 1_000_000;
    const contract = data.contracts.find((c) => c.allocationId !== null)!;
    contract.providerId = data.partners[0]!.id === contract.providerId ? data.partners[1]!.id : data.partners[0]!.id;
    const violations = channelRuleViolations(data);
    expect(violations.some((v) => v.includes('over-used'))).toBe(true);
    expect(violations.some((v) => v.includes(contract.id))).toBe(true);
  });
});
