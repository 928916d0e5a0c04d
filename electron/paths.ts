import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `Casebook/casebook.vault` in the OS user-data directory, the same place for the
 * desktop app and the CLI (Electron's `appData`, computed without Electron).
 */
export function defaultVaultPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return join(userDataDirectory(env, platform), 'Casebook', 'casebook.vault');
}

function userDataDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(homedir(), '.config');
}
