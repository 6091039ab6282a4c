import { accessPointSubject } from './lib/access-point-subject.ts';
import { defineCheck } from './lib/define-check.ts';

export default defineCheck({
  id: 'access-point-network-origin',
  title: 'Access point accepts requests only from a VPC',
  severity: 'low',
  resource: 'access-point',
  needs: ['accessPointListing'],
  enabledByDefault: true,
  rationale:
    'An access point with an Internet network origin accepts requests from anywhere, so only its policy, the ' +
    'bucket policy and IAM stand between the data and a leaked credential used from outside. A VPC network ' +
    'origin limits the access point to requests from one VPC, and AWS never treats it as public. The network ' +
    'origin is fixed when the access point is created.',
  remediation: {
    text:
      'Create a replacement access point with a VPC network origin for callers in that VPC, move them to it, and ' +
      'delete the Internet one. Access points that must serve callers outside a VPC should have a policy pinned ' +
      'to fixed principals.',
    cli: 'aws s3control create-access-point --account-id ACCOUNT --name NAME --bucket BUCKET --vpc-configuration VpcId=VPC_ID',
    terraform:
      'resource "aws_s3_access_point" "this" {\n  bucket = aws_s3_bucket.this.id\n  name   = "team-a"\n' +
      '  vpc_configuration {\n    vpc_id = aws_vpc.this.id\n  }\n}',
  },
  references: {
    url: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-vpc.html'],
  },
  messages: {
    vpc: 'The {{subject}} accepts requests only from VPC {{vpc}}.',
    internet: 'The {{subject}} has network origin Internet: it accepts requests from anywhere, not only from a VPC.',
    unrecognized: 'The {{subject}} reports network origin {{origin}}, which s3-audit does not know, so whether it is limited to a VPC is unknown.',
  },
  evaluate(ap, context) {
    const subject = accessPointSubject(ap, context.account.accountId);
    if (ap.networkOrigin === 'VPC') return { status: 'pass', messageId: 'vpc', data: { subject, vpc: ap.vpcId ?? '(unnamed)' } };
    if (ap.networkOrigin === 'Internet') return { status: 'fail', messageId: 'internet', data: { subject } };
    return { status: 'unknown', messageId: 'unrecognized', data: { subject, origin: ap.networkOrigin } };
  },
});
