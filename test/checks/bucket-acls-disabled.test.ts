import check from '../../src/checks/bucket-acls-disabled.ts';
import { absent, observedError, present } from '../../src/snapshot/observed.ts';
import { runCheckTests } from '../support/check-tester.ts';

runCheckTests(check, {
  pass: [
    {
      name: 'BucketOwnerEnforced passes',
      bucket: { ownershipControls: present({ objectOwnership: 'BucketOwnerEnforced' }) },
      expect: { messageId: 'enforced', message: 'Object Ownership is BucketOwnerEnforced: ACLs are disabled and the bucket owner owns every object.' },
    },
  ],
  fail: [
    {
      name: 'BucketOwnerPreferred fails: ACLs are still evaluated',
      bucket: { ownershipControls: present({ objectOwnership: 'BucketOwnerPreferred' }) },
      expect: {
        messageId: 'aclsEnabled',
        message:
          'Object Ownership is BucketOwnerPreferred, not BucketOwnerEnforced: ACLs are still evaluated, and objects ' +
          'another account uploads without the bucket-owner-full-control ACL stay theirs.',
      },
    },
    {
      name: 'ObjectWriter fails: uploaders own their objects',
      bucket: { ownershipControls: present({ objectOwnership: 'ObjectWriter' }) },
      expect: {
        messageId: 'aclsEnabled',
        message:
          'Object Ownership is ObjectWriter, not BucketOwnerEnforced: ACLs are evaluated, and objects another account ' +
          'uploads are owned by that account, not by the bucket owner.',
      },
    },
    {
      name: 'a setting AWS may add later fails without guessing what it means',
      bucket: { ownershipControls: present({ objectOwnership: 'SomethingNew' }) },
      expect: { messageId: 'aclsEnabled', message: 'Object Ownership is SomethingNew, not BucketOwnerEnforced: ACLs may be in effect.' },
    },
    {
      name: 'no Object Ownership setting (OwnershipControlsNotFoundError) means ACLs are enabled',
      bucket: { ownershipControls: absent('OwnershipControlsNotFoundError') },
      expect: {
        messageId: 'notConfigured',
        message:
          'The bucket has no Object Ownership setting (OwnershipControlsNotFoundError), so it behaves as ObjectWriter: ' +
          'ACLs are enabled and objects another account uploads are owned by that account.',
      },
    },
  ],
  unknown: [
    {
      name: 'AccessDenied on GetBucketOwnershipControls is unknown',
      bucket: { ownershipControls: observedError('GetBucketOwnershipControls', 'AccessDenied', 'Access Denied') },
      expect: {
        messageId: 'unreadable',
        message: 'Could not read the Object Ownership setting: GetBucketOwnershipControls failed with AccessDenied (Access Denied).',
      },
    },
    {
      name: 'an S3-compatible store without ownership controls (Ceph RGW answers a bucket listing) is unknown, not a failure',
      bucket: {
        ownershipControls: observedError(
          'GetBucketOwnershipControls',
          'NotSupportedByEndpoint',
          'the endpoint answered GetBucketOwnershipControls with a <ListBucketResult> document instead of <OwnershipControls>',
        ),
      },
      expect: {
        messageId: 'notSupported',
        message:
          'Could not read the Object Ownership setting: not supported by this endpoint (the endpoint answered ' +
          'GetBucketOwnershipControls with a <ListBucketResult> document instead of <OwnershipControls>).',
      },
    },
  ],
});
