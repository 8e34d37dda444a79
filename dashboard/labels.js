// Enum values as people say them, for every view and every CSV export. The browser test checks
// that every value of every enum the API shows has a label here.

export const LABELS = {
  AgreementStatus: { ACTIVE: 'Active', TERMINATED: 'Terminated', EXPIRED: 'Expired' },
  AllocationStatus: { ACTIVE: 'Active', RELEASED: 'Released' },
  CallerRole: { VENDOR: 'Channel team', ANALYST: 'Analyst', PRIMARY: 'Primary partner', SECONDARY: 'Secondary partner' },
  ChannelStatus: {
    PRIMARY: 'Primary',
    SECONDARY: 'Secondary',
    LEGACY_MEMBER: 'Legacy member',
    EXCLUDED: 'Excluded',
    NOT_ENROLLED: 'Not enrolled',
  },
  ContractStatus: { ACTIVE: 'Active', ENDED: 'Ended' },
  Industry: {
    FINANCIAL_SERVICES: 'Financial services',
    PUBLIC_SECTOR: 'Public sector',
    HEALTHCARE: 'Healthcare',
    MANUFACTURING: 'Manufacturing',
    RETAIL: 'Retail',
    TELECOMMUNICATIONS: 'Telecommunications',
    ENERGY: 'Energy',
    EDUCATION: 'Education',
    TECHNOLOGY: 'Technology',
    TRANSPORT: 'Transport',
  },
  LicenceProduct: {
    VMWARE_CLOUD_FOUNDATION: 'VMware Cloud Foundation',
    VSPHERE_FOUNDATION: 'vSphere Foundation',
    VSPHERE_STANDARD: 'vSphere Standard',
  },
  LicenceStatus: { ACTIVE: 'Active', EXPIRED: 'Expired', TERMINATED: 'Terminated' },
  MembershipStatus: { ACTIVE: 'Active', INVITED: 'Invited', NOT_INVITED: 'Not invited', DECLINED: 'Declined', TERMINATED: 'Terminated' },
  MigrationReason: {
    PROVIDER_EXCLUDED: 'Provider excluded',
    COST: 'Cost',
    SOVEREIGNTY: 'Sovereignty',
    CONSOLIDATION: 'Consolidation',
  },
  MigrationStatus: { PLANNED: 'Planned', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', CANCELLED: 'Cancelled' },
  PartnerCategory: {
    GLOBAL_SYSTEM_INTEGRATOR: 'Global system integrator',
    VERTICAL_SPECIALIST: 'Vertical specialist',
    SOVEREIGN_CLOUD: 'Sovereign cloud',
    REGIONAL_CLOUD: 'Regional cloud',
    MANAGED_SERVICE_PROVIDER: 'Managed service provider',
  },
  ProgramCode: {
    VCSP: 'VCSP (Cloud Service Provider)',
    VCPP: 'VCPP (Cloud Provider Program)',
    ADVANTAGE: 'Advantage',
    WHITE_LABEL: 'White label',
  },
  ProgramStatus: { ACTIVE: 'Active', CLOSED: 'Closed' },
  Region: { AMER: 'Americas', EMEA: 'Europe, Middle East and Africa', APJ: 'Asia Pacific and Japan' },
  WhiteLabelRole: { PRIMARY: 'Primary', SECONDARY: 'Secondary' },
};

/**
 * The label of an enum value; an unknown value (a newer API) shows as it is rather than blank.
 * @template {keyof typeof LABELS} E
 * @param {E} type
 * @param {keyof (typeof LABELS)[E] | null | undefined} value
 * @returns {string}
 */
export function label(type, value) {
  if (value === null || value === undefined) return '';
  /** @type {Partial<Record<PropertyKey, string>>} */
  const labels = LABELS[type] ?? {};
  return labels[value] ?? String(value);
}
