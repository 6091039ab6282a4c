import { describe, expect, it } from 'vitest';
import { accountGrants, publicGrants } from '../../src/policy/public.ts';
import type { PolicyResourceKind } from '../../src/policy/public.ts';
import { OBJECTS, policyOf } from './support.ts';

const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECTS };
const anyone = { ...read, Principal: '*' };
const when = (condition: unknown): Record<string, unknown> => ({ ...anyone, Condition: condition });

describe("AWS's meaning of a public policy (S3 UG, Block Public Access)", () => {
  it.each<[string, Record<string, unknown>, string | undefined, PolicyResourceKind?]>([
    ['Principal "*" with no condition is public', anyone, 'statement 1 allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed values'],
    ['Principal {"AWS":"*"} is public', { ...read, Principal: { AWS: '*' } }, 'statement 1 allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed values'],
    ['a wildcard account ARN is public', { ...read, Principal: { AWS: 'arn:aws:iam::*:root' } }, 'statement 1 allows s3:GetObject to Principal AWS "arn:aws:iam::*:root" with no condition that pins the caller to fixed values'],
    ['a web identity provider (graph.facebook.com) is public', { ...read, Principal: { Federated: 'graph.facebook.com' } }, 'statement 1 allows s3:GetObject to Principal Federated "graph.facebook.com" with no condition that pins the caller to fixed values'],
    ['an Allow with NotPrincipal is public', { ...read, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }, 'statement 1 allows s3:GetObject to NotPrincipal (everyone except arn:aws:iam::111122223333:root) with no condition that pins the caller to fixed values'],
    ['StringLike aws:SourceVpc "vpc-*" is public (AWS example)', when({ StringLike: { 'aws:SourceVpc': 'vpc-*' } }), 'statement 1 allows s3:GetObject to Principal "*" and aws:SourceVpc "vpc-*" is not a fixed value'],
    ['StringEquals aws:SourceVpc "vpc-91237329" is not public (AWS example)', when({ StringEquals: { 'aws:SourceVpc': 'vpc-91237329' } }), undefined],
    ['a fixed aws:SourceVpce is not public (peer false positive, Prowler #4257)', when({ StringEquals: { 'aws:sourcevpce': 'vpce-1a2b3c' } }), undefined],
    ['aws:PrincipalOrgID pins the caller (Steampipe #952)', when({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }), undefined],
    ['aws:SourceIp 0.0.0.0/0 is public', when({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }), 'statement 1 allows s3:GetObject to Principal "*" and aws:SourceIp "0.0.0.0/0" is not a fixed value'],
    ['aws:SourceIp broader than /8 is public', when({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2.0.0.0/7'] } }), 'statement 1 allows s3:GetObject to Principal "*" and aws:SourceIp "2.0.0.0/7" is not a fixed value'],
    ['aws:SourceIp of one office /24 is not public', when({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), undefined],
    ['NotIpAddress does not restrict to fixed values', when({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), 'statement 1 allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed values'],
    ['StringEqualsIfExists does not restrict (an absent key passes)', when({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }), 'statement 1 allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed values'],
    ['a policy variable is not a fixed value', when({ StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } }), 'statement 1 allows s3:GetObject to Principal "*" and aws:SourceAccount "${aws:PrincipalAccount}" is not a fixed value'],
    ['aws:userid AROLEID:* still pins one role', when({ StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } }), undefined],
    ['a condition on an unrelated key (aws:Referer) does not make it private', when({ StringLike: { 'aws:Referer': 'https://example.com/*' } }), 'statement 1 allows s3:GetObject to Principal "*" with no condition that pins the caller to fixed values'],
    ['a fixed account principal is not public', { ...read, Principal: { AWS: 'arn:aws:iam::111122223333:root' } }, undefined],
    ['a service principal is not public (Prowler #5454)', { ...read, Principal: { Service: 'logging.s3.amazonaws.com' } }, undefined],
    ['s3:DataAccessPointAccount delegation to one account is not public', when({ StringEquals: { 's3:DataAccessPointAccount': '123456789012' } }), undefined],
    ['s3:DataAccessPointArn with a wildcard name but fixed account is not public on a bucket', when({ StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:123456789012:accesspoint/*' } }), undefined],
    ['the same condition on an access point policy is public', when({ StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:123456789012:accesspoint/*' } }), 'statement 1 allows s3:GetObject to Principal "*" and s3:DataAccessPointArn "arn:aws:s3:us-east-1:123456789012:accesspoint/*" is not a fixed value', 'access-point'],
    ['a Deny is never a grant', { ...anyone, Effect: 'Deny' }, undefined],
  ])('%s', (_name, statement, reason, kind = 'bucket') => {
    expect(publicGrants(policyOf([statement]), kind).map((grant) => grant.reason)).toEqual(reason === undefined ? [] : [reason]);
  });
});

describe('which accounts a policy grants to', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['an account id and a role ARN name their accounts', { ...read, Principal: { AWS: ['111122223333', 'arn:aws:iam::444455556666:role/reader'] } }, ['111122223333 via 111122223333', '444455556666 via arn:aws:iam::444455556666:role/reader']],
    ['Principal "*" pinned by aws:PrincipalAccount names that account', when({ StringEquals: { 'aws:PrincipalAccount': '111122223333' } }), ['111122223333 via aws:PrincipalAccount 111122223333']],
    ['a public grant is any account', anyone, ['* via Principal "*"']],
    ['a service principal with aws:SourceAccount acts for that account', { ...read, Principal: { Service: 'cloudtrail.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }, ['123456789012 via cloudtrail.amazonaws.com with aws:SourceAccount 123456789012']],
    ['aws:SourceArn names the account of the source resource', { ...read, Principal: { Service: 'cloudtrail.amazonaws.com' }, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:999988887777:trail/*' } } }, ['999988887777 via cloudtrail.amazonaws.com with aws:SourceArn arn:aws:cloudtrail:us-east-1:999988887777:trail/*']],
    ['a service principal with no source condition acts for any account (confused deputy)', { ...read, Principal: { Service: 'logging.s3.amazonaws.com' } }, ['* via logging.s3.amazonaws.com without aws:SourceAccount or aws:SourceArn']],
    ['a CloudFront origin access identity is not another account', { ...read, Principal: { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE' } }, []],
    ['the unique id AWS leaves for a deleted role names nobody', { ...read, Principal: { AWS: 'AROAEXAMPLEDELETEDROLE' } }, []],
    ['Principal "*" restricted to the organization names no single account', when({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }), []],
  ])('%s', (_name, statement, expected) => {
    expect(accountGrants(policyOf([statement]), 'bucket').map((grant) => `${grant.account} via ${grant.via}`)).toEqual(expected);
  });
});
