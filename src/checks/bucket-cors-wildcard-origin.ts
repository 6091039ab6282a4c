import { defineCheck } from './lib/define-check.ts';
import { allowsAnyOrigin, methodsOf, originList, ruleLabel, writeMethodsOf } from './lib/cors.ts';
import { formatList } from './lib/format-list.ts';
import { unreadable } from './lib/unreadable.ts';

export default defineCheck({
  id: 'bucket-cors-wildcard-origin',
  title: 'No CORS rule lets any website read from the bucket',
  severity: 'low',
  resource: 'bucket',
  needs: ['cors'],
  enabledByDefault: true,
  rationale:
    'A read-only CORS rule for any origin lets every website a user visits fetch objects through the ' +
    "visitor's browser and read them, including anything the browser can authorize (presigned URLs, a web " +
    "app's temporary credentials). That is intended for public assets and a leak anywhere else. \"Any origin\" " +
    'is `*` and every pattern a site anyone can register matches (`https://*`, `https://app*`, ' +
    '`https://*example.com`); a subdomain wildcard under a named domain (`https://*.example.com`) is not. ' +
    'Rules that also allow writes are reported once, by bucket-cors-wildcard-write.',
  remediation: {
    text:
      'Replace the wildcard with the exact origins that need the data. For public static assets, a suppression ' +
      'with the reason documents the intent.',
    cli:
      'aws s3api put-bucket-cors --bucket BUCKET --cors-configuration ' +
      '\'{"CORSRules":[{"AllowedOrigins":["https://www.example.com"],"AllowedMethods":["GET","HEAD"]}]}\'',
    terraform:
      'resource "aws_s3_bucket_cors_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  cors_rule {\n' +
      '    allowed_origins = ["https://www.example.com"]\n    allowed_methods = ["GET", "HEAD"]\n  }\n}',
  },
  references: { url: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html'] },
  messages: {
    noCors: 'The bucket has no CORS configuration.',
    noWildcardOrigin: 'None of the {{rules}} CORS rule(s) allows any origin.',
    onlyWithWrites:
      'No read-only CORS rule allows any origin; bucket-cors-wildcard-write reports the any-origin write access ' +
      'of {{writeRules}}.',
    wildcardOrigin: 'CORS lets any website read: {{findings}}.',
  },
  evaluate(bucket) {
    const { cors } = bucket;
    if (cors === undefined) return undefined;
    if (cors.state === 'error') return unreadable('the CORS configuration', cors);
    if (cors.state === 'absent') return { status: 'pass', messageId: 'noCors' };
    const wildcardRules = cors.value.rules.flatMap((rule, index) => {
      const origins = rule.allowedOrigins.filter(allowsAnyOrigin);
      return origins.length === 0 ? [] : [{ rule: ruleLabel(rule, index), origins, methods: methodsOf(rule), writes: writeMethodsOf(rule).length > 0 }];
    });
    const readOnly = wildcardRules.filter((f) => !f.writes);
    if (readOnly.length > 0) {
      return {
        status: 'fail',
        messageId: 'wildcardOrigin',
        data: { findings: readOnly.map((f) => `${f.rule} lets ${originList(f.origins)} use ${f.methods.join(', ')}`).join('; ') },
        evidence: { rules: readOnly.map(({ rule, origins, methods }) => ({ rule, origins, methods })) },
      };
    }
    if (wildcardRules.length > 0) {
      return { status: 'pass', messageId: 'onlyWithWrites', data: { writeRules: formatList(wildcardRules.map((f) => f.rule)) } };
    }
    return { status: 'pass', messageId: 'noWildcardOrigin', data: { rules: cors.value.rules.length } };
  },
});
