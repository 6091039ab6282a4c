import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { Observed } from '../snapshot/observed.ts';
import type { PublicAccessBlock } from '../snapshot/types.ts';
import type { Api } from './api.ts';
import { observeFailure } from './errors.ts';
import { normalizePublicAccessBlock } from './normalize.ts';

/** The account-level Block Public Access settings (global to the account, read in the home region). */
export async function getAccountPublicAccessBlock(api: Api, accountId: string): Promise<Observed<PublicAccessBlock>> {
  try {
    const output = await api.call((options) =>
      api.clients.s3control.send(new GetPublicAccessBlockCommand({ AccountId: accountId }), options),
    );
    return normalizePublicAccessBlock(output.PublicAccessBlockConfiguration);
  } catch (err) {
    return observeFailure('GetPublicAccessBlock', err);
  }
}
