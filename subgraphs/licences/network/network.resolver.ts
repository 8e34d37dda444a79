import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import type { LicencesContext } from '../context';
import { ResellerNetwork } from './network.type';
import { Authenticated } from '../../kit/policy';

@Resolver(() => ResellerNetwork)
export class ResellerNetworkResolver {
  @Authenticated()
  @Query(() => ResellerNetwork, {
    nullable: true,
    description:
      "A primary's secondaries, the cores allocated to each and (through allocations) the customers each serves; null for a partner not in the directory.",
  })
  resellerNetwork(
    @Arg('primaryId', () => ID) primaryId: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Draw the network as it was on this day.' }) asOf: string | null,
    @Ctx() { networks }: LicencesContext,
  ) {
    return networks.ofPrimary(primaryId, asOf ?? null);
  }
}
