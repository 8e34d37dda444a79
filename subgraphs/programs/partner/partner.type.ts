import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../../kit/connection';

export enum ChannelStatus {
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
  EXCLUDED = 'EXCLUDED',
  NOT_ENROLLED = 'NOT_ENROLLED',
}
registerEnumType(ChannelStatus, {
  name: 'ChannelStatus',
  description: 'Where a partner stands after the program change.',
  valuesConfig: {
    PRIMARY: { description: 'Active member of the ADVANTAGE program (may resell to secondaries).' },
    SECONDARY: { description: 'Not admitted, but buying its licences from a primary under the WHITE_LABEL program.' },
    EXCLUDED: { description: 'Former VCSP/VCPP member neither admitted nor a white-label secondary: its customers are at risk.' },
    NOT_ENROLLED: { description: 'Never a member of a legacy program and not admitted.' },
  },
});

/** The programs subgraph's view of a partner: its standing in the programs. */
@ObjectType('Partner')
@Directive('@key(fields: "id")')
export class ChannelPartner {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Owned by the licences subgraph; read here to judge the Advantage threshold.' })
  @Directive('@external')
  licensedCores?: number;
}

@ObjectType('ChannelPartnerConnection')
export class ChannelPartnerConnection extends connectionTypes(ChannelPartner, 'ChannelPartner') {}
