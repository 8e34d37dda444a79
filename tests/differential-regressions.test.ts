import type { Identity } from '../common/identity';
import type { Dataset } from '../demo/generator';
import { emptyDataset, replaceDataset } from '../demo/seed';
import { PROGRAM_CATALOGUE } from '../subgraphs/programs/program/program.catalogue';
import { storeLabel } from './kit/store';
import { ChannelModel } from './model/channel-model';
import { ANALYST, differentialStack, runCase, TODAY, type Case } from './model/differential';

/**
 * Every disagreement the differential tests (tests/differential.test.ts) found between the API and
 * the reference model, shrunk by fast-check to a minimal channel and kept here as a named case:
 * each failed before its fix.
 */

function channel(rows: Partial<Dataset>): Dataset {
  return { ...emptyDataset(), programs: PROGRAM_CATALOGUE.map((p) => ({ ...p })), ...rows };
}

const partner = (n: number) =>
  ({
    id: `ptn-${n}`,
    name: `Partner ${n}`,
    country: 'IT',
    region: 'EMEA',
    category: 'REGIONAL_CLOUD',
    website: null,
  }) as Dataset['partners'][number];
const customer = (n: number) =>
  ({
    id: `cus-${n}`,
    name: `Customer ${n}`,
    country: 'IT',
    industry: 'RETAIL',
    sovereignCloudRequired: false,
  }) as Dataset['customers'][number];

/** Allocation alc-1 of lic-1 to ptn-2 under wla-1. */
const allocationToPtn2 = (cores: number, startsOn: string, endsOn: string, status: string) =>
  ({
    id: 'alc-1',
    licenceId: 'lic-1',
    agreementId: 'wla-1',
    secondaryId: 'ptn-2',
    cores,
    startsOn,
    endsOn,
    status,
  }) as Dataset['allocations'][number];

const SECONDARY: Identity = { subject: 'regression', role: 'SECONDARY', partnerId: 'ptn-2' };

/**
 * Seed 1904853393's history, shrunk: primary ptn-1's licence, its agreement with secondary ptn-2,
 * an allocation and ptn-2's contract with cus-1 on it, all ended on one day before today.
 */
function primaryAndSecondary(): Dataset {
  const day = '2025-05-26';
  return channel({
    partners: [partner(1), partner(2)],
    licences: [
      { id: 'lic-1', holderId: 'ptn-1', product: 'VMWARE_CLOUD_FOUNDATION', cores: 100, startsOn: day, endsOn: day, status: 'EXPIRED' },
    ] as Dataset['licences'],
    agreements: [
      { id: 'wla-1', primaryId: 'ptn-1', secondaryId: 'ptn-2', status: 'ACTIVE', signedOn: day, endsOn: day, activePair: 'Y' },
    ] as Dataset['agreements'],
    allocations: [allocationToPtn2(1, day, day, 'RELEASED')],
    customers: [customer(1)],
    contracts: [
      {
        id: 'ctr-1',
        customerId: 'cus-1',
        providerId: 'ptn-2',
        licenceId: null,
        allocationId: 'alc-1',
        coresInUse: 1,
        startsOn: day,
        endsOn: day,
        status: 'ENDED',
      },
    ] as Dataset['contracts'],
  });
}

const REGRESSIONS: Array<{ name: string; data: Dataset; cases: Case[] }> = [
  {
    name: "a LEGACY_MEMBER provider's customers were counted under NOT_ENROLLED in customersByProviderStatus",
    data: channel({
      partners: [partner(1), partner(2)],
      memberships: [
        {
          id: 'mbr-1',
          programId: 'prg-vcpp',
          partnerId: 'ptn-1',
          status: 'ACTIVE',
          role: null,
          startedOn: '2025-05-26',
          endedOn: null,
          reason: null,
        },
      ] as Dataset['memberships'],
      licences: [
        {
          id: 'lic-1',
          holderId: 'ptn-1',
          product: 'VMWARE_CLOUD_FOUNDATION',
          cores: 100,
          startsOn: '2025-05-26',
          endsOn: '2026-07-30',
          status: 'ACTIVE',
        },
      ] as Dataset['licences'],
      customers: [customer(1)],
      contracts: [
        {
          id: 'ctr-1',
          customerId: 'cus-1',
          providerId: 'ptn-1',
          licenceId: 'lic-1',
          allocationId: null,
          coresInUse: 1,
          startsOn: '2025-05-26',
          endsOn: '2026-06-30',
          status: 'ACTIVE',
        },
      ] as Dataset['contracts'],
    }),
    cases: [{ operation: 'ChannelOverview', variables: {}, caller: ANALYST }],
  },
  {
    name: "a secondary's licences list left out the licences its allocations come from (which licence(id) shows it)",
    data: channel({
      partners: [partner(1), partner(2)],
      licences: [
        {
          id: 'lic-1',
          holderId: 'ptn-1',
          product: 'VMWARE_CLOUD_FOUNDATION',
          cores: 4000,
          startsOn: '2025-01-01',
          endsOn: '2027-12-31',
          status: 'ACTIVE',
        },
        {
          id: 'lic-2',
          holderId: 'ptn-2',
          product: 'VSPHERE_STANDARD',
          cores: 300,
          startsOn: '2023-01-01',
          endsOn: '2024-12-31',
          status: 'EXPIRED',
        },
      ] as Dataset['licences'],
      agreements: [
        { id: 'wla-1', primaryId: 'ptn-1', secondaryId: 'ptn-2', status: 'ACTIVE', signedOn: '2025-02-01', endsOn: null, activePair: 'Y' },
      ] as Dataset['agreements'],
      allocations: [allocationToPtn2(200, '2025-02-01', '2027-12-31', 'ACTIVE')],
    }),
    cases: [
      { operation: 'LicenceSearch', variables: { first: 100 }, caller: { subject: 'regression', role: 'SECONDARY', partnerId: 'ptn-2' } },
      {
        operation: 'LicenceSearch',
        variables: { first: 100, filter: { status: 'ACTIVE' } },
        caller: { subject: 'regression', role: 'SECONDARY', partnerId: 'ptn-2' },
      },
    ],
  },
  {
    name: "a secondary reaching its primary's licensedCores through an allocation got the FORBIDDEN twice (the planner fetched the field twice: asked, and for meetsAdvantageThreshold's @requires)",
    data: primaryAndSecondary(),
    cases: [{ operation: 'CustomerLicenceChain', variables: { customerId: 'cus-1' }, caller: SECONDARY }],
  },
  {
    name: "another partner's meetsAdvantageThreshold was refused at licensedCores, a field not asked, and not at its own path",
    data: primaryAndSecondary(),
    cases: [
      {
        operation: 'PartnerLicenceStanding',
        text: 'query PartnerLicenceStanding($id: ID!) { partner(id: $id) { id meetsAdvantageThreshold } }',
        variables: { id: 'ptn-1' },
        caller: SECONDARY,
      },
      {
        operation: 'HolderStanding',
        text: 'query HolderStanding($id: ID!) { customer(id: $id) { contracts { allocation { licence { holder { id meetsAdvantageThreshold } } } } } }',
        variables: { id: 'cus-1' },
        caller: SECONDARY,
      },
    ],
  },
  {
    name: 'the model matched customers(filter: {country}) case-sensitively, the API (as the schema says: an ISO code) in any case (found by the scope fuzzer)',
    data: channel({ partners: [partner(1)], customers: [customer(1)] }),
    cases: [
      { operation: 'CustomerSearch', variables: { first: 100, filter: { country: 'it' } }, caller: ANALYST },
      { operation: 'CustomerSearch', variables: { first: 100, filter: { country: 'ITA' } }, caller: ANALYST },
    ],
  },
  {
    name: "a partner acting as PRIMARY that had received cores as a secondary: its allocation's licence was null under a non-null field, an INTERNAL_SERVER_ERROR (only SECONDARY tokens saw the licences their allocations come from)",
    data: channel({
      partners: [partner(1), partner(2), partner(3)],
      licences: [
        {
          id: 'lic-1',
          holderId: 'ptn-3',
          product: 'VMWARE_CLOUD_FOUNDATION',
          cores: 100,
          startsOn: '2025-05-26',
          endsOn: '2025-05-26',
          status: 'EXPIRED',
        },
      ] as Dataset['licences'],
      agreements: [
        {
          id: 'wla-1',
          primaryId: 'ptn-1',
          secondaryId: 'ptn-2',
          status: 'ACTIVE',
          signedOn: '2025-05-26',
          endsOn: '2025-05-26',
          activePair: 'Y',
        },
        {
          id: 'wla-2',
          primaryId: 'ptn-3',
          secondaryId: 'ptn-1',
          status: 'ACTIVE',
          signedOn: '2025-05-26',
          endsOn: '2025-05-26',
          activePair: 'Y',
        },
      ] as Dataset['agreements'],
      allocations: [
        {
          id: 'alc-1',
          licenceId: 'lic-1',
          agreementId: 'wla-2',
          secondaryId: 'ptn-1',
          cores: 1,
          startsOn: '2025-05-26',
          endsOn: '2025-05-26',
          status: 'RELEASED',
        },
      ] as Dataset['allocations'],
      customers: [customer(1)],
      contracts: [
        {
          id: 'ctr-1',
          customerId: 'cus-1',
          providerId: 'ptn-1',
          licenceId: null,
          allocationId: 'alc-1',
          coresInUse: 1,
          startsOn: '2025-05-26',
          endsOn: '2025-05-26',
          status: 'ENDED',
        },
      ] as Dataset['contracts'],
    }),
    cases: [
      {
        operation: 'CustomerLicenceChain',
        variables: { customerId: 'cus-1' },
        caller: { subject: 'regression', role: 'PRIMARY', partnerId: 'ptn-1' },
      },
      { operation: 'LicenceSearch', variables: { first: 100 }, caller: { subject: 'regression', role: 'PRIMARY', partnerId: 'ptn-1' } },
    ],
  },
];

describe(`differential regressions: cases the model found, kept (${storeLabel()})`, () => {
  const running = differentialStack();

  it.each(REGRESSIONS.map((r) => [r.name, r] as const))('%s', async (_name, regression) => {
    await replaceDataset(running().dataSources, regression.data);
    const model = new ChannelModel(regression.data, TODAY);
    for (const c of regression.cases) expect((await runCase(running(), model, c)).difference).toBeNull();
  });
});
