import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  queryLimitErrors,
  queryLimits,
} from '../../../src-main/automation-api/graphql/query-limits';
import { automationSchema } from '../../../src-main/automation-api/graphql/schema';

const limitsOf = (query: string): string[] =>
  queryLimitErrors(automationSchema, parse(query)).map((error) => error.message);

const sessionFields =
  'id sessionId nasIpAddress nasPortId nasPortType startTime connectInfoStart callingStationId framedIpAddress';

describe('query limits', () => {
  it("let the spec's query, a disconnect and the standard introspection query through", () => {
    expect(
      limitsOf(
        `query q($userId: Int!) { getOnlineSessions(userId: $userId) { ${sessionFields} } }`,
      ),
    ).toEqual([]);
    expect(
      limitsOf('mutation { disconnectSession(id: "1") { result attempts { path detail } } }'),
    ).toEqual([]);
    expect(limitsOf(getIntrospectionQuery())).toEqual([]);
    expect(parse(getIntrospectionQuery(), { maxTokens: queryLimits.maxTokens })).toBeTruthy();
  });

  it('refuse nesting past the depth limit', () => {
    const deep = `{ __schema { types { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } }`;
    expect(limitsOf(deep)).toEqual([
      `The query nests fields more than ${queryLimits.maxDepth} deep. Ask for less at a time.`,
    ]);
  });

  it('refuse aliases multiplied under lists', () => {
    const aliases = Array.from({ length: 150 }, (_, n) => `a${n}: name`).join(' ');
    const query = `{ __schema { types { fields { type { fields { ${aliases} } } } } } }`;
    expect(limitsOf(query)).toEqual([
      expect.stringMatching(/^The query could return more than 100,000 values/),
    ]);
  });

  it('refuse fragments built to expand exponentially, without expanding them', () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, n) =>
        `fragment F${n} on __Type { ${n + 1 < levels ? `...F${n + 1} ...F${n + 1}` : 'name'} }`,
    ).join('\n');
    const query = `{ __schema { queryType { ...F0 } } }\n${fragments}`;
    expect(limitsOf(query)).toEqual([expect.stringMatching(/could return more than/)]);
  });

  it('take fragment cycles and unknown fields in their stride (validation names them)', () => {
    expect(limitsOf('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }')).toEqual(
      [],
    );
    expect(limitsOf('{ nothing { here { at { all } } } }')).toEqual([]);
  });

  it('refuse more than five reads, and more than one disconnect, per request', () => {
    const reads = Array.from(
      { length: 6 },
      (_, n) => `r${n}: getOnlineSessions(userId: ${n}) { id }`,
    ).join(' ');
    expect(limitsOf(`query Many { ${reads} }`)).toEqual([
      'The operation Many asks for 6 top-level fields; at most 5 per request.',
    ]);
    expect(
      limitsOf(
        'mutation { a: disconnectSession(id: "1") { result } b: disconnectSession(id: "2") { result } }',
      ),
    ).toEqual(['The query asks for 2 mutations: send one disconnect per request.']);
  });
});
