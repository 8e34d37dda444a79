import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Dataset } from '../demo/generator';
import { EndCustomer } from '../subgraphs/customers/customer/customer.entity';
import { ServiceContract } from '../subgraphs/customers/contract/contract.entity';
import { CustomerMigration } from '../subgraphs/customers/migration/migration.entity';
import { WhiteLabelAgreement } from '../subgraphs/licences/agreement/agreement.entity';
import { LicenceAllocation } from '../subgraphs/licences/allocation/allocation.entity';
import { Licence } from '../subgraphs/licences/licence/licence.entity';
import { Partner } from '../subgraphs/partners/partner/partner.entity';
import { ProgramMembership } from '../subgraphs/programs/membership/membership.entity';
import { Program } from '../subgraphs/programs/program/program.entity';
import { channelRuleViolations } from './kit/channel-rules';
import { startTestStack, type TestStack } from './kit/stack';
import { storeLabel } from './kit/store';

async function all<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>): Promise<T[]> {
  return dataSource.getRepository(entity).find({ order: { id: 'ASC' } as never });
}

describe(`seeded store (${storeLabel()})`, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('holds exactly the generated data, each subgraph in its own database, and obeys the channel rules', async () => {
    const { partners, programs, licences, customers } = stack.dataSources;
    const stored: Dataset = {
      partners: await all(partners, Partner),
      programs: await all(programs, Program),
      memberships: await all(programs, ProgramMembership),
      licences: await all(licences, Licence),
      agreements: await all(licences, WhiteLabelAgreement),
      allocations: await all(licences, LicenceAllocation),
      customers: await all(customers, EndCustomer),
      contracts: await all(customers, ServiceContract),
      migrations: await all(customers, CustomerMigration),
    };
    expect(channelRuleViolations(stored)).toEqual([]);
    const byId = (rows: Array<{ id: string }>) => [...rows].sort((a, b) => a.id.localeCompare(b.id)).map((row) => ({ ...row }));
    for (const key of Object.keys(stored) as Array<keyof Dataset>) {
      expect({ table: key, rows: byId(stored[key]) }).toEqual({ table: key, rows: byId(stack.dataset[key]) });
    }
    await expect(partners.query('SELECT COUNT(*) AS n FROM licences')).rejects.toThrow();
  });

  it('seeding again keeps existing data', async () => {
    const { seedStore } = await import('../demo/seed');
    expect(await seedStore(stack.dataSources, 'demo', { replace: false })).toBe('kept-existing-data');
  });
});
