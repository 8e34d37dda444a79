import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { MigrationReason } from '../migration/migration.entity';

import { ChannelStatus } from '../../kit/channel-status';

@ObjectType('ProviderStatusCustomers')
export class ProviderStatusCustomers {
  @Field(() => ChannelStatus, { description: 'Channel status of the providers serving these customers.' })
  providerStatus!: ChannelStatus;

  @Field(() => Int, { description: 'Distinct customers with a contract in force today with such a provider.' })
  customers!: number;

  @Field(() => Int)
  coresInUse!: number;
}

@ObjectType('MigrationReasonCount')
export class MigrationReasonCount {
  @Field(() => MigrationReason)
  reason!: MigrationReason;

  @Field(() => Int)
  migrations!: number;
}

@ObjectType('MigrationDestinationCount')
export class MigrationDestinationCount {
  @Field({
    description:
      'Where customers go: "VMware provider" for moves to another provider in the channel, else the alternative platform. CANCELLED migrations are not counted.',
  })
  destination!: string;

  @Field(() => Int)
  migrations!: number;
}

/** The customers subgraph's channel-wide figures; partner sets by status come from programs via @requires. */
@ObjectType('ChannelOverview')
@Directive('@key(fields: "id")')
export class CustomerOverview {
  @Field(() => ID)
  id!: string;

  @Field(() => [ID])
  @Directive('@external')
  primaryPartnerIds?: string[];

  @Field(() => [ID])
  @Directive('@external')
  secondaryPartnerIds?: string[];

  @Field(() => [ID])
  @Directive('@external')
  legacyMemberPartnerIds?: string[];

  @Field(() => [ID])
  @Directive('@external')
  excludedPartnerIds?: string[];
}
