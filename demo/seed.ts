import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { SubgraphName } from '../common/config';
import { EndCustomer } from '../subgraphs/customers/customer/customer.entity';
import { ServiceContract } from '../subgraphs/customers/contract/contract.entity';
import { CustomerMigration } from '../subgraphs/customers/migration/migration.entity';
import { WhiteLabelAgreement } from '../subgraphs/licences/agreement/agreement.entity';
import { LicenceAllocation } from '../subgraphs/licences/allocation/allocation.entity';
import { Licence } from '../subgraphs/licences/licence/licence.entity';
import { Partner } from '../subgraphs/partners/partner/partner.entity';
import { ProgramMembership } from '../subgraphs/programs/membership/membership.entity';
import { Program } from '../subgraphs/programs/program/program.entity';
import { generateDataset, type Dataset, type Scale } from './generator';

const CHUNK_ROWS = 500;

type Tables = Array<{ entity: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[] }>;

/** Each subgraph's share of the dataset, parents before children. */
function tablesOf(dataset: Dataset): Record<SubgraphName, Tables> {
  return {
    partners: [{ entity: Partner, rows: dataset.partners }],
    programs: [
      { entity: Program, rows: dataset.programs },
      { entity: ProgramMembership, rows: dataset.memberships },
    ],
    licences: [
      { entity: Licence, rows: dataset.licences },
      { entity: WhiteLabelAgreement, rows: dataset.agreements },
      { entity: LicenceAllocation, rows: dataset.allocations },
    ],
    customers: [
      { entity: EndCustomer, rows: dataset.customers },
      { entity: ServiceContract, rows: dataset.contracts },
      { entity: CustomerMigration, rows: dataset.migrations },
    ],
  };
}

/** Writes the dataset into the four databases, one transaction per database. */
async function writeDataset(dataSources: Record<SubgraphName, DataSource>, dataset: Dataset): Promise<void> {
  const tables = tablesOf(dataset);
  await Promise.all(
    (Object.keys(tables) as SubgraphName[]).map((subgraph) =>
      dataSources[subgraph].transaction(async (manager) => {
        for (const { entity, rows } of tables[subgraph]) {
          for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
            await manager
              .createQueryBuilder()
              .insert()
              .into(entity)
              .values(rows.slice(start, start + CHUNK_ROWS))
              .updateEntity(false)
              .execute();
          }
        }
      }),
    ),
  );
}

/** Deletes every row (children first), keeping the schema. */
async function clearData(dataSources: Record<SubgraphName, DataSource>): Promise<void> {
  const tables = tablesOf(emptyDataset());
  await Promise.all(
    (Object.keys(tables) as SubgraphName[]).map((subgraph) =>
      dataSources[subgraph].transaction(async (manager) => {
        for (const { entity } of [...tables[subgraph]].reverse()) await manager.createQueryBuilder().delete().from(entity).execute();
      }),
    ),
  );
}

/** Replaces everything stored with `dataset` (tests loading generated channels into one store). */
export async function replaceDataset(dataSources: Record<SubgraphName, DataSource>, dataset: Dataset): Promise<void> {
  await clearData(dataSources);
  await writeDataset(dataSources, dataset);
}

export function emptyDataset(): Dataset {
  return {
    partners: [],
    programs: [],
    memberships: [],
    licences: [],
    agreements: [],
    allocations: [],
    customers: [],
    contracts: [],
    migrations: [],
  };
}

async function isEmpty(dataSources: Record<SubgraphName, DataSource>): Promise<boolean> {
  const counts = await Promise.all([
    dataSources.partners.getRepository(Partner).count(),
    dataSources.programs.getRepository(Program).count(),
    dataSources.licences.getRepository(Licence).count(),
    dataSources.customers.getRepository(EndCustomer).count(),
  ]);
  return counts.every((count) => count === 0);
}

export type SeedOutcome = 'seeded' | 'kept-existing-data';

/** Seeds an empty store with generated data; with `replace`, existing rows are deleted first. */
export async function seedStore(
  dataSources: Record<SubgraphName, DataSource>,
  scale: Scale,
  options: { replace: boolean },
): Promise<SeedOutcome> {
  if (!(await isEmpty(dataSources))) {
    if (!options.replace) return 'kept-existing-data';
    await clearData(dataSources);
  }
  await writeDataset(dataSources, generateDataset(scale));
  return 'seeded';
}
