import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denyCoverage, describeGaps } from '../../src/policy/coverage.ts';
import { parsePolicy } from '../../src/policy/parse.ts';
import { accountGrants, publicGrants } from '../../src/policy/public.ts';
import { plainHttpQuestion } from '../../src/policy/s3-questions.ts';
import { statements } from './arbitraries.ts';
import { SCOPE } from './support.ts';

/** Everything a check does with a policy text; must never throw, whatever the text. */
function exercise(text: string): void {
  const result = parsePolicy(text);
  if (!result.ok) {
    expect(result.error.length).toBeGreaterThan(0);
    return;
  }
  const question = plainHttpQuestion(result.policy, SCOPE);
  describeGaps(denyCoverage(result.policy, question), question);
  publicGrants(result.policy, 'bucket');
  accountGrants(result.policy, 'bucket');
}

/** A valid statement with one element replaced by an arbitrary JSON value. */
const mutated = fc
  .tuple(statements, fc.nat(), fc.constantFrom('Effect', 'Principal', 'NotPrincipal', 'Action', 'Resource', 'Condition', 'Sid', 'Statement'), fc.jsonValue())
  .map(([list, index, element, value]) => {
    if (element === 'Statement') return { Statement: value };
    const target = index % list.length;
    return { Statement: list.map((s, i) => (i === target ? { ...s, [element]: value } : s)) };
  });

describe('fuzz: malformed or random policy documents never throw', () => {
  it('random text', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      exercise(text);
    }), { numRuns: 300 });
  });

  it('random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      exercise(JSON.stringify(value));
    }), { numRuns: 300 });
  });

  it('valid policies with one element replaced by random JSON', () => {
    fc.assert(fc.property(mutated, (document) => {
      exercise(JSON.stringify(document));
    }), { numRuns: 300 });
  });

  it('conditions with random operators, keys and values', () => {
    const conditionBlock = fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()));
    fc.assert(fc.property(conditionBlock, (condition) => {
      exercise(JSON.stringify({ Statement: { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: condition } }));
    }), { numRuns: 300 });
  });
});
