import check from '../../src/checks/bucket-cors-wildcard-origin.ts';
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
      name: 'exact and subdomain-wildcard origins pass: *.example.com is not any origin',
      bucket: { cors: cors(rule(['https://www.example.com', 'https://*.example.com'], ['GET'])) },
      expect: { messageId: 'noWildcardOrigin', message: 'None of the 1 CORS rule(s) allows any origin.' },
    },
    {
      name: 'an any-origin rule with write methods is left to bucket-cors-wildcard-write, and the message says so',
      bucket: { cors: cors(rule(['*'], ['GET', 'PUT'], 'uploads'), rule(['https://www.example.com'], ['GET'])) },
      expect: {
        messageId: 'onlyWithWrites',
        message: "No read-only CORS rule allows any origin; bucket-cors-wildcard-write reports the any-origin write access of rule 'uploads'.",
      },
    },
  ],
  fail: [
    {
      name: 'origin * with GET and HEAD fails, naming rule, origin and methods',
      bucket: { cors: cors(rule(['*'], ['GET', 'HEAD'], 'public-read')) },
      expect: { messageId: 'wildcardOrigin', message: "CORS lets any website read: rule 'public-read' lets '*' use GET, HEAD." },
    },
    {
      name: 'several read-only wildcard rules in one message; a prefix pattern counts as any origin',
      bucket: { cors: cors(rule(['https://app*'], ['get']), rule(['*'], ['PUT'], 'w'), rule(['http://*', '*'], ['HEAD'])) },
      expect: {
        messageId: 'wildcardOrigin',
        message: "CORS lets any website read: rule #1 lets 'https://app*' use GET; rule #3 lets 'http://*', '*' use HEAD.",
      },
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
