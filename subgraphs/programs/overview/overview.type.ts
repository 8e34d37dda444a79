import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ChannelStatus } from '../../kit/channel-status';

@ObjectType('ChannelStatusCount')
@Directive('@shareable')
export class ChannelStatusCount {
  @Field(() => ChannelStatus)
  status!: ChannelStatus;

  @Field(() => Int)
  partners!: number;
}

/**
 * Dashboard KPIs for the whole channel. One entity, its figures contributed by the subgraph
 * that owns each one; this subgraph roots it and gives the channel-status figures.
 */
@ObjectType('ChannelOverview', { description: 'Channel-wide figures for dashboards, each from the subgraph that owns the data.' })
@Directive('@key(fields: "id")')
export class ChannelOverview {
  @Field(() => ID, { description: 'Always "channel": there is one channel.' })
  id!: string;

  @Field(() => Int, { description: 'Owned by the partners subgraph.' })
  @Directive('@external')
  partnerCount?: number;
}
