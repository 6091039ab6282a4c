import { z } from 'zod';
import { defineCheck } from './lib/define-check.ts';
import { allowsAnyOrigin, allowsPlainHttp, isLoopback, methodsOf, originList, ruleLabel } from './lib/cors.ts';
import { unreadable } from './lib/unreadable.ts';

const optionsSchema = z.strictObject({
  allowLoopback: z
    .boolean()
    .describe(
      'Accept http:// origins on the local machine (localhost, 127.0.0.1, [::1], any port), which local ' +
        'development uses and no network attacker can serve.',
    ),
  allowedOrigins: z
    .array(z.string().min(1))
    .describe('AllowedOrigin values accepted as they are, compared exactly (e.g. "http://intranet.example.com").'),
});

const defaults: z.infer<typeof optionsSchema> = { allowLoopback: true, allowedOrigins: [] };

export default defineCheck({
  id: 'bucket-cors-insecure-origin',
  title: 'No CORS rule trusts an origin served over plain HTTP',
  severity: 'low',
  resource: 'bucket',
  needs: ['cors'],
  enabledByDefault: true,
  rationale:
    'A page served over plain HTTP can be rewritten by anyone on the network path (public Wi-Fi, a hostile ' +
    'proxy), and the injected script then inherits the CORS trust the bucket gives that origin. An origin ' +
    'counts as plain HTTP when it starts with http:// or when a wildcard can stand for the scheme ' +
    '(`*.example.com` also matches http://a.example.com). Origins that match any website are reported by the ' +
    'bucket-cors-wildcard checks instead. By default loopback origins (http://localhost, 127.0.0.1, [::1]) are ' +
    'accepted (option allowLoopback), and option allowedOrigins accepts further exact values.',
  remediation: {
    text: 'Serve the application over HTTPS and list its https:// origin instead; give wildcard patterns an explicit https:// scheme.',
    cli:
      'aws s3api put-bucket-cors --bucket BUCKET --cors-configuration ' +
      '\'{"CORSRules":[{"AllowedOrigins":["https://app.example.com"],"AllowedMethods":["GET"]}]}\'',
  },
  references: { url: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html'] },
  messages: {
    noCors: 'The bucket has no CORS configuration.',
    noInsecureOrigin: 'None of the {{rules}} CORS rule(s) trusts a plain-HTTP origin{{accepted}}.',
    insecureOrigin: 'CORS trusts origins that can be served over plain HTTP: {{findings}}.',
  },
  options: { schema: optionsSchema, defaults },
  evaluate(bucket, _context, options) {
    const { cors } = bucket;
    if (cors === undefined) return undefined;
    if (cors.state === 'error') return unreadable('the CORS configuration', cors);
    if (cors.state === 'absent') return { status: 'pass', messageId: 'noCors' };
    const accepted = (origin: string): boolean =>
      options.allowedOrigins.includes(origin) || (options.allowLoopback && isLoopback(origin));
    const plainHttp = (origin: string): boolean => allowsPlainHttp(origin) && !allowsAnyOrigin(origin);

    const rules = cors.value.rules;
    const findings = rules.flatMap((rule, index) => {
      const origins = rule.allowedOrigins.filter((origin) => plainHttp(origin) && !accepted(origin));
      return origins.length === 0 ? [] : [{ rule: ruleLabel(rule, index), origins, methods: methodsOf(rule) }];
    });
    if (findings.length > 0) {
      return {
        status: 'fail',
        messageId: 'insecureOrigin',
        data: { findings: findings.map((f) => `${f.rule} allows ${originList(f.origins)} (${f.methods.join(', ')})`).join('; ') },
        evidence: { rules: findings },
      };
    }
    const acceptedOrigins = [...new Set(rules.flatMap((rule) => rule.allowedOrigins.filter(plainHttp)))];
    const note = acceptedOrigins.length === 0 ? '' : ` other than the accepted ${originList(acceptedOrigins)}`;
    return { status: 'pass', messageId: 'noInsecureOrigin', data: { rules: rules.length, accepted: note } };
  },
});
