import { GraphQLScalarType } from 'graphql';
import { DATE_SCALAR_BEHAVIOUR } from '../../common/dates';

/** Calendar dates as ISO `YYYY-MM-DD` strings, both ways: no time zone can shift them. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description:
    'A calendar day, ISO 8601 `YYYY-MM-DD` (years 1900 to 2999). A dated record is in force on day D when startsOn ≤ D ≤ endsOn: both days included.',
  ...DATE_SCALAR_BEHAVIOUR,
});
