import { ProgramCode, ProgramStatus, type Program } from './program.entity';

/** The dates of the program change. */
export const PROGRAM_MILESTONES = {
  advantageLaunched: '2024-02-01',
  vcspClosed: '2024-04-30',
  whiteLabelLaunched: '2024-08-01',
} as const;

/** Licensed cores a partner needs to be admitted to ADVANTAGE. */
export const ADVANTAGE_MIN_CORES = 3_500;

/** The programs of the channel: reference data set by the vendors, not changed through the API. */
export const PROGRAM_CATALOGUE: readonly Program[] = [
  {
    id: 'prg-vcpp',
    code: ProgramCode.VCPP,
    name: 'VMware Cloud Providers Program',
    vendor: 'VMware',
    status: ProgramStatus.ACTIVE,
    launchedOn: '2009-09-01',
    closedOn: null,
    minLicensedCores: null,
    invitationOnly: false,
  },
  {
    id: 'prg-vcsp',
    code: ProgramCode.VCSP,
    name: 'VMware Cloud Services Provider',
    vendor: 'VMware',
    status: ProgramStatus.CLOSED,
    launchedOn: '2012-03-01',
    closedOn: PROGRAM_MILESTONES.vcspClosed,
    minLicensedCores: null,
    invitationOnly: false,
  },
  {
    id: 'prg-advantage',
    code: ProgramCode.ADVANTAGE,
    name: 'Broadcom Advantage Partner Program',
    vendor: 'Broadcom',
    status: ProgramStatus.ACTIVE,
    launchedOn: PROGRAM_MILESTONES.advantageLaunched,
    closedOn: null,
    minLicensedCores: ADVANTAGE_MIN_CORES,
    invitationOnly: true,
  },
  {
    id: 'prg-white-label',
    code: ProgramCode.WHITE_LABEL,
    name: 'White Label Program',
    vendor: 'Broadcom',
    status: ProgramStatus.ACTIVE,
    launchedOn: PROGRAM_MILESTONES.whiteLabelLaunched,
    closedOn: null,
    minLicensedCores: null,
    invitationOnly: false,
  },
];
