import { registerEnumType } from 'type-graphql';

/**
 * Where a partner stands after the program change. The rule that decides it lives in the
 * programs subgraph; partners and customers only filter and count by it.
 */
export enum ChannelStatus {
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
  LEGACY_MEMBER = 'LEGACY_MEMBER',
  EXCLUDED = 'EXCLUDED',
  NOT_ENROLLED = 'NOT_ENROLLED',
}
registerEnumType(ChannelStatus, {
  name: 'ChannelStatus',
  description: 'Where a partner stands after the program change.',
  valuesConfig: {
    PRIMARY: { description: 'Active member of the ADVANTAGE program (may resell to secondaries).' },
    SECONDARY: { description: 'Not admitted, but buying its licences from a primary under the WHITE_LABEL program.' },
    LEGACY_MEMBER: { description: 'Member of VCSP/VCPP only: the standing of most partners before the change (seen with asOf).' },
    EXCLUDED: { description: 'Former VCSP/VCPP member neither admitted nor a white-label secondary: its customers are at risk.' },
    NOT_ENROLLED: { description: 'Never a member of a legacy program and not admitted.' },
  },
});
