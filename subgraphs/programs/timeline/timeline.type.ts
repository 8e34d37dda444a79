import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { graphqlEnum, type EnumValue } from '../../kit/graphql-enum';
import { ListOf } from '../../kit/policy';
import { DateScalar } from '../../kit/scalars';

/** At most this many periods in one timeline: five years of weeks, twenty-one of months. */
export const MAX_TIMELINE_PERIODS = 260;

export const TimelineInterval = graphqlEnum({
  name: 'TimelineInterval',
  description: 'The length of the periods of a timeline: calendar months, or ISO weeks (Monday to Sunday).',
  values: ['MONTH', 'WEEK'],
});
export type TimelineInterval = EnumValue<typeof TimelineInterval>;

@ArgsType()
export class TimelineArgs {
  @Field(() => DateScalar, { description: 'The first day.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The last day (default: today).' })
  to?: string | null;

  @Field(() => TimelineInterval, { defaultValue: TimelineInterval.MONTH })
  interval!: TimelineInterval;
}

/**
 * One period of the channel timeline. Keyed by its first and last day so that every subgraph can
 * compute its own figures for it, for all the periods of a request in one statement.
 */
@ObjectType('TimelinePeriod', {
  description:
    "One period of the channel timeline. Standings (partners per status, agreements, cores, customers at risk) are those in force on `endsOn`, the period's last day; flows (migrations decided) are counted from `startsOn` to `endsOn`, both included.",
})
@Directive('@key(fields: "startsOn endsOn")')
export class TimelinePeriod {
  @Field(() => DateScalar, { description: "The first day of the period (the timeline's `from` for the first one)." })
  startsOn!: string;

  @Field(() => DateScalar, {
    description: "The last day of the period (the timeline's `to` for the last one): the day the period's standings are taken on.",
  })
  endsOn!: string;

  @Field(() => Int, { description: 'Owned by the partners subgraph.' })
  @Directive('@external')
  partnerCount?: number;
}

@ObjectType('ChannelTimeline', { description: 'The channel over time: its figures for each month or week between two days.' })
export class ChannelTimeline {
  @Field(() => TimelineInterval)
  interval!: TimelineInterval;

  @Field(() => DateScalar, { description: 'The first day of the timeline.' })
  from!: string;

  @Field(() => DateScalar, { description: 'The last day of the timeline.' })
  to!: string;

  @ListOf(MAX_TIMELINE_PERIODS)
  @Field(() => [TimelinePeriod], { description: 'The periods from `from` to `to`, in order, the first and last cut at those days.' })
  periods!: TimelinePeriod[];
}
