import { Field, Int, ObjectType } from 'type-graphql';
import { WhiteLabelAgreement } from '../agreement/agreement.entity';
import { LicenceAllocation } from '../allocation/allocation.entity';
import { LicensingPartner } from '../partner/partner.type';
import { DateScalar } from '../../kit/scalars';
import { ListOf } from '../../kit/policy';

@ObjectType('ResellerBranch', { description: 'One secondary of a primary: its agreement and the cores allocated to it.' })
export class ResellerBranch {
  @Field(() => LicensingPartner)
  secondary!: LicensingPartner;

  @Field(() => WhiteLabelAgreement)
  agreement!: WhiteLabelAgreement;

  @Field(() => Int, { description: 'Cores allocated under the agreement (ACTIVE allocations, or those in force on asOf).' })
  allocatedCores!: number;

  @ListOf(5)
  @Field(() => [LicenceAllocation], { description: 'The allocations; each has the contracts (and customers) served with it.' })
  allocations!: LicenceAllocation[];
}

@ObjectType('ResellerNetwork', { description: "A primary's white-label network: a tree a dashboard can draw." })
export class ResellerNetwork {
  @Field(() => LicensingPartner)
  primary!: LicensingPartner;

  @Field(() => DateScalar, { nullable: true, description: 'The day the network is drawn for; null for today.' })
  asOf!: string | null;

  @Field(() => Int, { description: 'Cores allocated to all secondaries together.' })
  allocatedCores!: number;

  @ListOf(10)
  @Field(() => [ResellerBranch])
  secondaries!: ResellerBranch[];
}
