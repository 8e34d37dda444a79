import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import type { CustomersContext } from '../context';
import { ContractStatus, ServiceContract } from '../contract/contract.entity';
import { ServedAllocation } from './allocation.type';
import { ListOf } from '../../kit/policy';

@Resolver(() => ServedAllocation)
export class ServedAllocationResolver {
  @ListOf(40)
  @FieldResolver(() => [ServiceContract], { description: 'Contracts a secondary serves with these allocated cores.' })
  contracts(
    @Root() allocation: ServedAllocation,
    @Arg('status', () => ContractStatus, { nullable: true }) status: ContractStatus | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Only contracts in force on this day.' }) asOf: string | null,
    @Ctx() { contracts }: CustomersContext,
  ) {
    return contracts.onAllocation(allocation.id, status, asOf);
  }
}
