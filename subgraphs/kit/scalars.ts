import { GraphQLScalarType } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

/** Calendar dates as ISO `YYYY-MM-DD` strings, both ways: no time zone can shift them. */
export const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar date, ISO 8601 `YYYY-MM-DD`.',
});
