import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import type { PartnersContext } from '../context';
import { ApiKeyIdentity } from './api-key.type';
import { RequiresRole } from '../../kit/policy';

@Resolver(() => ApiKeyIdentity)
export class ApiKeyResolver {
  @RequiresRole('VENDOR')
  @Query(() => ApiKeyIdentity, {
    nullable: true,
    description: 'Internal (not in the public API): the identity of a valid, unrevoked API key, for the gateway; null otherwise.',
  })
  @Directive('@inaccessible')
  apiKeyIdentity(
    @Arg('keyId', () => ID) keyId: string,
    @Arg('secretHash', { description: 'SHA-256 of the presented secret, lowercase hex.' }) secretHash: string,
    @Ctx() { caller, apiKeys }: PartnersContext,
  ): Promise<ApiKeyIdentity | null> {
    return apiKeys.verifyFor(caller.identity, keyId, secretHash);
  }
}
