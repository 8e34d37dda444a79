import { ContractStatus } from '../subgraphs/customers/contract/contract.entity';
import { AgreementStatus } from '../subgraphs/licences/agreement/agreement.entity';
import { PROGRAM_MILESTONES } from '../subgraphs/programs/program/program.catalogue';
import type { Dataset } from './generator';

/** Representative variables for each documented operation, taken from the generated data. */
export function exampleVariables(data: Dataset): Record<string, Record<string, unknown>> {
  const agreementsOf = (id: string) => data.agreements.filter((a) => a.primaryId === id && a.status === AgreementStatus.ACTIVE).length;
  const busiestPrimary = [...new Set(data.agreements.map((a) => a.primaryId))].sort((a, b) => agreementsOf(b) - agreementsOf(a))[0];
  const chainCustomer = data.contracts.find((c) => c.status === ContractStatus.ACTIVE && c.allocationId)!.customerId;
  return {
    WhoResellsWhatToWhom: { first: 100 },
    PartnerDirectory: { filter: { region: 'EMEA', channelStatus: 'EXCLUDED' }, first: 100 },
    LicenceSearch: { filter: { status: 'ACTIVE' }, first: 100 },
    AgreementSearch: { filter: { status: 'ACTIVE' }, first: 100 },
    CustomerSearch: { filter: { country: 'IT', sovereignCloudRequired: true }, first: 100 },
    ChannelOverview: {},
    CustomersAtRisk: { first: 100 },
    ExcludedPartnersAndCustomers: { first: 100, customersFirst: 10 },
    ThresholdWhatIf: { minLicensedCores: 2000, first: 100 },
    ResellerNetwork: { primaryId: busiestPrimary },
    CustomerLicenceChain: { customerId: chainCustomer },
    ChannelBeforeAndAfter: { before: '2024-01-01' },
    ChannelTimeline: { from: PROGRAM_MILESTONES.advantageLaunched, interval: 'MONTH' },
  };
}
