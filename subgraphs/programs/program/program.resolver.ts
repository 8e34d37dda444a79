import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../kit/connection';
import type { ProgramsContext } from '../context';
import { MembershipStatus } from '../membership/membership.entity';
import { ProgramMembershipConnection } from '../membership/membership.connection';
import { Program, ProgramCode } from './program.entity';
import { Authenticated, ListOf, Paged } from '../../kit/policy';

@Resolver(() => Program)
export class ProgramResolver {
  @Authenticated()
  @ListOf(4)
  @Query(() => [Program], { description: 'Every program, oldest first.' })
  programs(@Ctx() { programs }: ProgramsContext) {
    return programs.all();
  }

  @Authenticated()
  @Query(() => Program, { nullable: true })
  program(@Arg('code', () => ProgramCode) code: ProgramCode, @Ctx() { programs }: ProgramsContext) {
    return programs.byCode(code);
  }

  @FieldResolver(() => ProgramMembershipConnection, { description: 'Memberships of this program, optionally of one status.' })
  @Paged()
  memberships(
    @Root() program: Program,
    @Arg('status', () => MembershipStatus, { nullable: true }) status: MembershipStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { memberships }: ProgramsContext,
  ) {
    return memberships.ofProgram(program.id, status, page);
  }
}
