import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denyCoverage } from '../../src/policy/coverage.ts';
import { normalizePolicy, toPolicyDocument } from '../../src/policy/parse.ts';
import { publicGrants } from '../../src/policy/public.ts';
import { plainHttpQuestion, uploadQuestion } from '../../src/policy/s3-questions.ts';
import type { Policy } from '../../src/policy/types.ts';
import { asLists, recased, statement, statements } from './arbitraries.ts';
import { SCOPE } from './support.ts';

function normalized(statementList: unknown): Policy {
  const result = normalizePolicy({ Version: '2012-10-17', Statement: statementList });
  if (!result.ok) throw new Error(result.error);
  return result.policy;
}

/** The verdicts that checks read: TLS coverage, SSE-KMS upload coverage, and public grants. */
function verdicts(policy: Policy): unknown {
  return {
    tls: denyCoverage(policy, plainHttpQuestion(policy, SCOPE)).gaps.length,
    kms: denyCoverage(policy, uploadQuestion(policy, SCOPE, 'AES256')).covered,
    public: publicGrants(policy, 'bucket').map((grant) => grant.statement.index),
  };
}

describe('policy engine properties', () => {
  it('normalization is idempotent', () => {
    fc.assert(
      fc.property(statements, (list) => {
        const once = normalized(list);
        expect(normalized(toPolicyDocument(once).Statement)).toEqual(once);
      }),
    );
  });

  it('a verdict does not change when a value is written as a one-element list', () => {
    fc.assert(
      fc.property(statements, (list) => {
        expect(verdicts(normalized(asLists(list)))).toEqual(verdicts(normalized(list)));
      }),
      { numRuns: 60 },
    );
  });

  it('a verdict does not change when condition keys and operators change case', () => {
    fc.assert(
      fc.property(statements, fc.boolean(), (list, upper) => {
        expect(verdicts(normalized(recased(list, upper)))).toEqual(verdicts(normalized(list)));
      }),
      { numRuns: 60 },
    );
  });

  it("adding an Allow never removes a Deny's coverage", () => {
    fc.assert(
      fc.property(statements, statement, (list, extra) => {
        const allow = { ...extra, Effect: 'Allow' };
        const before = normalized(list);
        const after = normalized([...list, allow]);
        const gaps = (policy: Policy) => denyCoverage(policy, plainHttpQuestion(policy, SCOPE)).gaps.map((gap) => `${gap.principal.label} ${gap.target.action} ${gap.target.resource}`);
        expect(gaps(after)).toEqual(gaps(before));
      }),
      { numRuns: 60 },
    );
  });
});
