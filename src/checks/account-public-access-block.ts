import { defineCheck } from './lib/define-check.ts';
import { describeOffFlags, PUBLIC_ACCESS_BLOCK_FLAGS } from './lib/effective-public-access-block.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineCheck({
  id: 'account-public-access-block',
  title: 'All four account-level Block Public Access settings are on',
  severity: 'high',
  resource: 'account',
  needs: ['accountPublicAccessBlock'],
  enabledByDefault: true,
  rationale:
    'Account-level Block Public Access applies to every bucket in every region, including buckets created ' +
    'tomorrow, and a bucket-level setting cannot weaken it. All four flags are needed: BlockPublicAcls and ' +
    'BlockPublicPolicy stop new public grants, while only IgnorePublicAcls neutralizes public ACLs that already ' +
    'exist and only RestrictPublicBuckets neutralizes a public policy that already exists (some tools accept ' +
    'two of the four and miss the other half). When an AWS Organizations S3 policy manages the setting, S3 ' +
    'reports the inherited, effective value, which is what this check judges.',
  remediation: {
    text:
      'Turn on all four flags for the account. Buckets that must serve the public (websites) are better served ' +
      'through CloudFront with Origin Access Control, which works with every flag on. If an Organizations S3 ' +
      'policy manages the setting, change it there.',
    cli:
      'aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform:
      'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n' +
      '  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
    ],
    securityHub: 'S3.1',
    cis: '2.1.4',
    awsConfig: 's3-account-level-public-access-blocks-periodic',
    prowler: 's3_account_level_public_access_blocks',
  },
  messages: {
    allOn: 'All 4 account-level Block Public Access flags are on.',
    flagsOff: 'Account-level Block Public Access is off for {{flags}}.',
    notConfigured:
      'The account has no Block Public Access configuration ({{code}}): all 4 flags are off, so every bucket ' +
      'relies on its own settings alone.',
  },
  evaluate(account) {
    const config = account.publicAccessBlock;
    if (config === undefined) return undefined;
    if (config.state === 'error') return unreadable('the account-level Block Public Access configuration', config);
    if (config.state === 'absent') {
      return {
        status: 'fail',
        messageId: 'notConfigured',
        data: { code: config.code ?? 'no configuration returned' },
        evidence: { configured: false },
      };
    }
    const off = PUBLIC_ACCESS_BLOCK_FLAGS.filter((flag) => !config.value[flag]);
    const evidence = { ...config.value };
    if (off.length === 0) return { status: 'pass', messageId: 'allOn', evidence };
    return { status: 'fail', messageId: 'flagsOff', data: { flags: describeOffFlags(off) }, evidence };
  },
});
