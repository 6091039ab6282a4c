export { startAwsEndpoint } from './server.ts';
export type { AwsEndpoint, AwsEndpointOptions, RequestLogEntry } from './server.ts';
export { loadFixture, parseFixture, accountFixtureSchema } from './fixture-schema.ts';
export {
  callerArn,
  creationDate,
  effectiveAcl,
  effectiveObjectLock,
  effectivePolicyStatus,
  normalizedLifecycle,
  ownerId,
  policyText,
  KMS_KEY_STATES,
  KMS_OPERATIONS,
  OPERATION_BY_DATA_KEY,
  S3_BUCKET_OPERATIONS,
  S3_OBJECT_OPERATIONS,
  S3CONTROL_OPERATIONS,
} from './fixture.ts';
export type {
  AccountFixture,
  AccountOperationName,
  BucketFixture,
  DelayFault,
  ErrorFault,
  FaultMap,
  FaultSpec,
  KmsKeyFixture,
  KmsKeyState,
  KmsOperationName,
  LifecycleFixture,
  LifecycleRuleFixture,
  MalformedFault,
  PolicyDocument,
  ResetFault,
  S3BucketOperationName,
  S3ControlOperationName,
  S3ObjectOperationName,
  ObjectVersionFixture,
} from './fixture.ts';
export { expectedBucketData } from './expected.ts';
export type { Expected, ExpectedBucketData } from './expected.ts';
export type { ServiceName } from './protocol.ts';
export type { MemberAccount, OrganizationFixture } from './organization.ts';
