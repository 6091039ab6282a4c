import check from '../../src/checks/bucket-cors-wildcard-write.ts';
import { absent, observedError } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';
import { cors, rule } from './cors-fixtures.ts';


runCheckTests(check, {
  pass: [
    {
      name: 'no CORS configuration passes',
      bucket: { cors: absent('NoSuchCORSConfiguration') },
      expect: { messageId: 'noCors', message: 'The bucket has no CORS configuration.' },
    },
    {
      name: 'any origin with read-only methods, and writes only from an exact or subdomain origin, pass',
      bucket: {
        cors: cors(rule(['*'], ['GET', 'HEAD'], 'public-read'), rule(['https://app.example.com', 'https://*.example.com'], ['PUT', 'POST'])),
      },
      expect: { messageId: 'noWildcardWrite', message: 'None of the 2 CORS rule(s) lets any origin send PUT, POST or DELETE.' },
    },
  ],
  fail: [
    {
      name: 'origin * with PUT fails and names the rule by its ID',
      bucket: { cors: cors(rule(['*'], ['GET', 'PUT'], 'uploads')) },
      expect: { messageId: 'wildcardWrite', message: "CORS lets any website send write requests: rule 'uploads' lets '*' send PUT." },
    },
    {
      name: 'several failing rules in one message; lowercase methods and https://* count; rules without ID by position',
      bucket: {
        cors: cors(
          rule(['https://app.example.com'], ['PUT']),
          rule(['https://*', 'https://app.example.com'], ['post', 'delete']),
          rule(['https://*example.com'], ['PUT'], 'suffix'),
        ),
      },
      expect: {
        messageId: 'wildcardWrite',
        message:
          "CORS lets any website send write requests: rule #2 lets 'https://*' send POST, DELETE; rule 'suffix' lets " +
          "'https://*example.com' send PUT.",
      },
    },
    {
      name: 'a method wildcard counts as every write method',
      bucket: { cors: cors(rule(['*'], ['*'], 'all')) },
      expect: { messageId: 'wildcardWrite', message: "CORS lets any website send write requests: rule 'all' lets '*' send PUT, POST, DELETE." },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketCors is unknown',
      bucket: { cors: observedError('GetBucketCors', 'AccessDenied', 'Access Denied') },
      expect: { messageId: 'unreadable', message: 'Could not read the CORS configuration: GetBucketCors failed with AccessDenied (Access Denied).' },
    },
  ],
});
