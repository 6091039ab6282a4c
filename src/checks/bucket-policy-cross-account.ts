import { z } from 'zod';
import { policyAccountId, readBucketPolicy, UNPARSEABLE_MESSAGE, unparseable } from './lib/bucket-policy.ts';
import { defineCheck } from './lib/define-check.ts';
import { unreadable } from './lib/unreadable.ts';
import { statementName } from '../policy/evaluate.ts';
import { accountGrants } from '../policy/public.ts';

interface CrossAccountOptions {
  /** Account ids this bucket may be shared with, on top of AccountContext.trustedAccounts. */
  readonly trustedAccounts: readonly string[];
}

export default defineCheck({
  id: 'bucket-policy-cross-account',
  title: 'Bucket policy grants access only to this account and trusted accounts',
  severity: 'medium',
  resource: 'bucket',
  needs: ['policy'],
  enabledByDefault: true,
  rationale:
    'Every account a bucket policy names can use the access it grants with any of its own principals, and that ' +
    'account is outside your control. A service principal without aws:SourceAccount or aws:SourceArn acts for ' +
    'any account that owns a matching resource (the confused-deputy problem). Grants should go only to accounts ' +
    'you list as trusted.',
  remediation: {
    text:
      'Remove grants to accounts you do not trust, or add them to the trusted accounts; pin service principals ' +
      'with aws:SourceAccount or aws:SourceArn.',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-access-example2.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    ],
    awsConfig: 's3-bucket-policy-grantee-check',
    prowler: 's3_bucket_cross_account_access',
  },
  options: {
    schema: z.strictObject({ trustedAccounts: z.array(z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id')) }),
    defaults: { trustedAccounts: [] },
  } satisfies { schema: z.ZodType<CrossAccountOptions>; defaults: CrossAccountOptions },
  messages: {
    untrusted: 'The bucket policy grants access to accounts not listed as trusted: {{grants}}.',
    trustedOnly: 'The bucket policy grants access only to {{accounts}}.',
    noGrants: 'The bucket policy grants nothing to other accounts.',
    noPolicy: 'No bucket policy, so no policy grants access to other accounts.',
    unparseable: UNPARSEABLE_MESSAGE,
  },
  evaluate(bucket, context, options) {
    if (bucket.policy === undefined) return undefined;
    const read = readBucketPolicy(bucket.policy);
    if (read.state === 'error') return unreadable('the bucket policy', read.error);
    if (read.state === 'invalid') return unparseable(read.error, 'which accounts it grants access to');
    if (read.state === 'absent') return { status: 'pass', messageId: 'noPolicy' };
    const own = policyAccountId(context);
    const trusted = new Set([own, ...context.trustedAccounts, ...options.trustedAccounts]);
    const grants = accountGrants(read.policy, 'bucket');
    const untrusted = grants.filter((grant) => !trusted.has(grant.account));
    const evidence = { accounts: [...new Set(grants.map((grant) => grant.account))] };
    if (untrusted.length > 0) {
      const described = untrusted.map(
        (g) => `${g.account === '*' ? 'any account' : g.account === '' ? 'the default tenant' : g.account} (${g.via} in ${statementName(g.statement)})`,
      );
      return { status: 'fail', messageId: 'untrusted', data: { grants: [...new Set(described)].join('; ') }, evidence };
    }
    const others = evidence.accounts.filter((account) => account !== own);
    if (others.length === 0) return { status: 'pass', messageId: 'noGrants', evidence };
    const accounts = `this account and trusted account${others.length === 1 ? '' : 's'} ${others.join(', ')}`;
    return { status: 'pass', messageId: 'trustedOnly', data: { accounts }, evidence };
  },
});
