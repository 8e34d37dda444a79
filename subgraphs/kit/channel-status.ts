import { graphqlEnum, type EnumValue } from './graphql-enum';

/**
 * Where a partner stands after the program change. The rule that decides it lives in the
 * programs subgraph; partners and customers only filter and count by it.
 */
export const ChannelStatus = graphqlEnum({
  name: 'ChannelStatus',
  description: 'Where a partner stands after the program change.',
  values: {
    PRIMARY: 'Active member of the ADVANTAGE program (may resell to secondaries).',
    SECONDARY: 'Not admitted, but buying its licences from a primary under the WHITE_LABEL program.',
    LEGACY_MEMBER: 'Member of VCSP/VCPP only: the standing of most partners before the change (seen with asOf).',
    EXCLUDED: 'Former VCSP/VCPP member neither admitted nor a white-label secondary: its customers are at risk.',
    NOT_ENROLLED: 'Never a member of a legacy program and not admitted.',
  },
});
export type ChannelStatus = EnumValue<typeof ChannelStatus>;
