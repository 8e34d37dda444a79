import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../kit/scalars';
import type { CustomersContext } from '../context';
import { ContractStatus, ServiceContract } from '../contract/contract.entity';
import { ServedLicence } from './licence.type';
import { ListOf } from '../../kit/policy';

@Resolver(() => ServedLicence)
export class ServedLicenceResolver {
  @ListOf(150)
  @FieldResolver(() => [ServiceContract], { description: 'Contracts served directly on this licence by its holder.' })
  contracts(
    @Root() licence: ServedLicence,
    @Arg('status', () => ContractStatus, { nullable: true }) status: ContractStatus | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Only contracts in force on this day.' }) asOf: string | null,
    @Ctx() { contracts }: CustomersContext,
  ) {
    return contracts.onLicence(licence.id, status, asOf);
  }
}
