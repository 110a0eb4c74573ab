import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * How big a request may be. The standard introspection query (what GraphiQL and code
 * generators send) fits: about 170 tokens, 15 levels deep, an estimated cost near 52,000.
 * Abuse does not: nesting to exhaust the stack, aliases multiplied under lists (a few
 * hundred aliases under types › fields › fields is millions of values), a query naming the
 * same database read again and again, or several disconnects in one request.
 */
export const queryLimits = {
  /** Lexical tokens in the query text: parsing stops past it. */
  maxTokens: 1_000,
  /** Fields nested in each other. */
  maxDepth: 16,
  /** Estimated values in the answer: 1 per field, times 10 under every list around it. */
  maxCost: 100_000,
  /** Top-level fields of a query: each may be a database read. */
  maxQueryFields: 5,
  /** Top-level fields of a mutation: one disconnect per request. */
  maxMutationFields: 1,
} as const;

/** What one list is assumed to hold, for the estimate (the size is unknown before running). */
const listSize = 10;

interface Measure {
  depth: number;
  cost: number;
  rootFields: number;
}

/**
 * Why the document is over a limit, as GraphQL errors, or [] when it is within them. Runs
 * before validation, so it takes unknown fields and fragments (and fragment cycles) in its
 * stride and leaves naming them to the validation; it stops counting past the cost limit,
 * so a document built to expand exponentially through fragments costs little to refuse.
 */
export function queryLimitErrors(schema: GraphQLSchema, document: DocumentNode): GraphQLError[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const errors: GraphQLError[] = [];
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
    const measure = measureOperation(schema, operation, fragments);
    const name = operation.name ? `The operation ${operation.name.value}` : 'The query';
    const refuse = (message: string) =>
      errors.push(
        new GraphQLError(message, {
          nodes: operation,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      );
    if (measure.depth > queryLimits.maxDepth) {
      refuse(
        `${name} nests fields more than ${queryLimits.maxDepth} deep. Ask for less at a time.`,
      );
    }
    if (measure.cost > queryLimits.maxCost) {
      refuse(
        `${name} could return more than ${queryLimits.maxCost.toLocaleString('en')} values ` +
          '(every list is counted as ten). Ask for fewer fields, aliases or nested lists.',
      );
    }
    const maxRootFields =
      operation.operation === 'mutation'
        ? queryLimits.maxMutationFields
        : queryLimits.maxQueryFields;
    if (measure.rootFields > maxRootFields) {
      refuse(
        operation.operation === 'mutation'
          ? `${name} asks for ${measure.rootFields} mutations: send one disconnect per request.`
          : `${name} asks for ${measure.rootFields} top-level fields; at most ${maxRootFields} per request.`,
      );
    }
  }
  return errors;
}

function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Measure {
  const measure: Measure = { depth: 0, cost: 0, rootFields: 0 };
  const over = () => measure.cost > queryLimits.maxCost || measure.depth > queryLimits.maxDepth;
  const expanding = new Set<string>();

  const walk = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType | null,
    depth: number,
    weight: number,
  ): void => {
    for (const selection of set.selections) {
      if (over()) return;
      // Every selection counts, spreads too: a chain of spreads cannot expand for free.
      measure.cost += weight;
      if (selection.kind === Kind.FIELD) {
        const here = depth + 1;
        measure.depth = Math.max(measure.depth, here);
        if (here === 1) measure.rootFields += 1;
        if (!selection.selectionSet) continue;
        const type = fieldOf(schema, parent, selection.name.value)?.type ?? null;
        const multiplier = type && isListType(getNullableType(type)) ? listSize : 1;
        const named = type ? getNamedType(type) : null;
        walk(
          selection.selectionSet,
          named && isCompositeType(named) ? named : null,
          here,
          weight * multiplier,
        );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(
          selection.selectionSet,
          conditionType(schema, selection.typeCondition?.name.value) ?? parent,
          depth,
          weight,
        );
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Unknown and cyclic fragments are the validation's to name.
        if (!fragment || expanding.has(name)) continue;
        expanding.add(name);
        walk(
          fragment.selectionSet,
          conditionType(schema, fragment.typeCondition.name.value),
          depth,
          weight,
        );
        expanding.delete(name);
      }
    }
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'query'
        ? schema.getQueryType()
        : schema.getSubscriptionType();
  walk(operation.selectionSet, root ?? null, 0, 1);
  return measure;
}

function conditionType(
  schema: GraphQLSchema,
  name: string | undefined,
): GraphQLCompositeType | null {
  if (name === undefined) return null;
  const type = schema.getType(name);
  return type && isCompositeType(type) ? type : null;
}

/** A field of a type, the introspection fields (__schema, __type, __typename) included. */
function fieldOf(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType | null,
  name: string,
): GraphQLField<unknown, unknown> | null {
  if (parent === null) return null;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent)
    ? (parent.getFields()[name] ?? null)
    : null;
}
