import { join } from 'node:path';
import type { AnyCheck } from '../checks/types.ts';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, parseConfig } from '../config/config.ts';
import type { Config } from '../config/config.ts';
import { MAX_FILE_BYTES, readText, readTextIfPresent } from './files.ts';

/**
 * `--config FILE` must exist; without it `.s3-audit.yml` in the working directory is read when
 * present; `--no-config` (false) reads none.
 */
export async function loadConfig(flag: string | false | undefined, cwd: string, checks: readonly AnyCheck[]): Promise<Config> {
  if (flag === false) return EMPTY_CONFIG;
  if (flag !== undefined) return parseConfig(await readText(flag, '--config', MAX_FILE_BYTES.config), flag, checks);
  const text = await readTextIfPresent(join(cwd, CONFIG_FILE_NAME), 'config file', MAX_FILE_BYTES.config);
  return text === undefined ? EMPTY_CONFIG : parseConfig(text, CONFIG_FILE_NAME, checks);
}
