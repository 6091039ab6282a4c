/** AWS CLI and Terraform fixes that several checks recommend, written once. */
export interface RemediationSnippets {
  readonly cli: string;
  readonly terraform: string;
}

export const SSE_KMS_DEFAULT_ENCRYPTION: RemediationSnippets = {
  cli:
    'aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration ' +
    '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"KEY_ARN"},"BucketKeyEnabled":true}]}\'',
  terraform:
    'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n' +
    '  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n' +
    '      kms_master_key_id = aws_kms_key.this.arn\n    }\n    bucket_key_enabled = true\n  }\n}',
};

export const OBJECT_LOCK_DEFAULT_RETENTION: RemediationSnippets = {
  cli:
    'aws s3api put-object-lock-configuration --bucket BUCKET --object-lock-configuration ' +
    "'ObjectLockEnabled=Enabled,Rule={DefaultRetention={Mode=COMPLIANCE,Days=30}}'",
  terraform:
    'resource "aws_s3_bucket_object_lock_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n' +
    '    default_retention {\n      mode = "COMPLIANCE"\n      days = 30\n    }\n  }\n}',
};

export const BUCKET_OWNER_ENFORCED: RemediationSnippets = {
  cli: "aws s3api put-bucket-ownership-controls --bucket BUCKET --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'",
  terraform:
    'resource "aws_s3_bucket_ownership_controls" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n' +
    '    object_ownership = "BucketOwnerEnforced"\n  }\n}',
};

export const BUCKET_PUBLIC_ACCESS_BLOCK: RemediationSnippets = {
  cli:
    'aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration ' +
    'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  terraform:
    'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = aws_s3_bucket.this.id\n' +
    '  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n' +
    '  restrict_public_buckets = true\n}',
};
