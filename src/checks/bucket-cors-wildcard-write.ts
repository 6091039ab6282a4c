import { defineCheck } from './lib/define-check.ts';
import { allowsAnyOrigin, originList, ruleLabel, writeMethodsOf } from './lib/cors.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineCheck({
  id: 'bucket-cors-wildcard-write',
  title: 'No CORS rule lets any website send write requests (PUT, POST, DELETE)',
  severity: 'high',
  resource: 'bucket',
  needs: ['cors'],
  enabledByDefault: true,
  rationale:
    'CORS grants no S3 permission by itself, but it decides which web pages may send requests to the bucket ' +
    'from a visitor\'s browser and read the answers. With any origin and a write method, every website the ' +
    'user visits can upload, overwrite or delete through whatever the browser can authorize (presigned URLs, ' +
    'temporary credentials of a web app, a bucket policy that allows public writes). "Any origin" means `*` ' +
    'and every pattern a site anyone can register matches: `https://*`, a prefix such as `https://app*`, or a ' +
    'suffix that is no complete domain (`https://*example.com` matches evilexample.com). A subdomain wildcard ' +
    'under a named domain (`https://*.example.com`) is not any origin. Methods are compared case-insensitively.',
  remediation: {
    text:
      'List the exact origins of the applications that upload (https://app.example.com), or drop the write ' +
      'methods from the wildcard rule. Browser uploads usually need only PUT or POST from one origin.',
    cli:
      'aws s3api put-bucket-cors --bucket BUCKET --cors-configuration ' +
      '\'{"CORSRules":[{"AllowedOrigins":["https://app.example.com"],"AllowedMethods":["PUT"],"AllowedHeaders":["*"]}]}\'',
    terraform:
      'resource "aws_s3_bucket_cors_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  cors_rule {\n' +
      '    allowed_origins = ["https://app.example.com"]\n    allowed_methods = ["PUT"]\n    allowed_headers = ["*"]\n  }\n}',
  },
  references: {
    url: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html',
    ],
  },
  messages: {
    noCors: 'The bucket has no CORS configuration.',
    noWildcardWrite: 'None of the {{rules}} CORS rule(s) lets any origin send PUT, POST or DELETE.',
    wildcardWrite: 'CORS lets any website send write requests: {{findings}}.',
  },
  evaluate(bucket) {
    const { cors } = bucket;
    if (cors === undefined) return undefined;
    if (cors.state === 'error') return unreadable('the CORS configuration', cors);
    if (cors.state === 'absent') return { status: 'pass', messageId: 'noCors' };
    const findings = cors.value.rules.flatMap((rule, index) => {
      const origins = rule.allowedOrigins.filter(allowsAnyOrigin);
      const writes = writeMethodsOf(rule);
      if (origins.length === 0 || writes.length === 0) return [];
      return [{ rule: ruleLabel(rule, index), origins, methods: writes }];
    });
    if (findings.length === 0) return { status: 'pass', messageId: 'noWildcardWrite', data: { rules: cors.value.rules.length } };
    return {
      status: 'fail',
      messageId: 'wildcardWrite',
      data: { findings: findings.map((f) => `${f.rule} lets ${originList(f.origins)} send ${f.methods.join(', ')}`).join('; ') },
      evidence: { rules: findings },
    };
  },
});
