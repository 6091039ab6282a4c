import check from '../../src/checks/bucket-cors-insecure-origin.ts';
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
      name: 'https origins pass; any-origin patterns are left to the wildcard checks',
      bucket: { cors: cors(rule(['https://app.example.com', 'https://*.example.com', '*'], ['GET'])) },
      expect: { messageId: 'noInsecureOrigin', message: 'None of the 1 CORS rule(s) trusts a plain-HTTP origin.' },
    },
    {
      name: 'loopback origins are accepted by default, and the message names them',
      bucket: { cors: cors(rule(['http://localhost:3000', 'http://127.0.0.1:*'], ['GET', 'PUT'], 'dev')) },
      expect: {
        messageId: 'noInsecureOrigin',
        message: "None of the 1 CORS rule(s) trusts a plain-HTTP origin other than the accepted 'http://localhost:3000', 'http://127.0.0.1:*'.",
      },
    },
    {
      name: 'an origin listed in allowedOrigins is accepted',
      bucket: { cors: cors(rule(['http://intranet.example.com'], ['GET'])) },
      options: { allowLoopback: true, allowedOrigins: ['http://intranet.example.com'] },
      expect: {
        messageId: 'noInsecureOrigin',
        message: "None of the 1 CORS rule(s) trusts a plain-HTTP origin other than the accepted 'http://intranet.example.com'.",
      },
    },
  ],
  fail: [
    {
      name: 'an http:// origin fails, naming rule, origin and methods',
      bucket: { cors: cors(rule(['http://app.example.com', 'https://app.example.com'], ['GET', 'PUT'], 'app')) },
      expect: {
        messageId: 'insecureOrigin',
        message: "CORS trusts origins that can be served over plain HTTP: rule 'app' allows 'http://app.example.com' (GET, PUT).",
      },
    },
    {
      name: 'a scheme-less wildcard also matches http://; several rules in one message',
      bucket: { cors: cors(rule(['https://ok.example.com'], ['GET']), rule(['*.example.com'], ['GET']), rule(['*://cdn.example.net'], ['HEAD'], 'cdn')) },
      expect: {
        messageId: 'insecureOrigin',
        message:
          "CORS trusts origins that can be served over plain HTTP: rule #2 allows '*.example.com' (GET); rule 'cdn' " +
          "allows '*://cdn.example.net' (HEAD).",
      },
    },
    {
      name: 'loopback origins fail when allowLoopback is off',
      bucket: { cors: cors(rule(['http://localhost:3000'], ['GET'], 'dev')) },
      options: { allowLoopback: false, allowedOrigins: [] },
      expect: {
        messageId: 'insecureOrigin',
        message: "CORS trusts origins that can be served over plain HTTP: rule 'dev' allows 'http://localhost:3000' (GET).",
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
