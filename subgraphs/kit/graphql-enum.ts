import { registerEnumType } from 'type-graphql';

/** The type of an enum's values: `type X = EnumValue<typeof X>` beside `const X = graphqlEnum(…)`. */
export type EnumValue<TEnum> = TEnum[keyof TEnum];

/** An enum as code reads it: each value's name to itself. */
type EnumObject<TName extends string> = { readonly [N in TName]: N };

interface EnumDeclaration<TName extends string> {
  /** The GraphQL type name. */
  name: string;
  description?: string;
  /** The values in schema order: their names alone, or each name with its description. */
  values: readonly TName[] | { readonly [N in TName]: string };
}

/**
 * A GraphQL enum declared once, each value written once (with its description where it has one):
 * registered with type-graphql under `name`, and returned as an object from each name to itself,
 * so code reads `ContractStatus.ACTIVE` and `@Field(() => ContractStatus)` as with a TypeScript enum.
 */
export function graphqlEnum<const TName extends string>({ name, description, values }: EnumDeclaration<TName>): EnumObject<TName> {
  const descriptions: Readonly<Record<string, string>> = isNameList(values) ? {} : values;
  const names = isNameList(values) ? values : Object.keys(values);
  const enumObject = Object.freeze(Object.fromEntries(names.map((valueName) => [valueName, valueName]))) as EnumObject<TName>;
  const valuesConfig = Object.fromEntries(Object.entries(descriptions).map(([valueName, text]) => [valueName, { description: text }]));
  registerEnumType<object>(enumObject, { name, description, valuesConfig });
  return enumObject;
}

/**
 * The sortable fields of a list, as the GraphQL enum `name` whose values are the entity's property
 * names (as `listOrder` and `orderedBy` in kit/connection.ts sort by them), each named after its
 * property in `ORDER_FIELD` form: `coresInUse` is `CORES_IN_USE`.
 */
export function orderFieldEnum<const TProperty extends string>(
  name: string,
  properties: readonly TProperty[],
): Readonly<Record<string, TProperty>> {
  const enumObject = Object.freeze(Object.fromEntries(properties.map((property) => [orderFieldName(property), property])));
  registerEnumType(enumObject, { name });
  return enumObject;
}

/** `coresInUse` → `CORES_IN_USE`. */
function orderFieldName(property: string): string {
  return property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function isNameList<TName extends string>(values: EnumDeclaration<TName>['values']): values is readonly TName[] {
  return Array.isArray(values);
}
