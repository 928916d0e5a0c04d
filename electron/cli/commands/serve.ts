import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createCasebookApp } from '../../app.js';
import { startWebHost } from '../../web/host.js';
import { globals, print } from '../common.js';

/** `casebook serve`: the app in a browser on this computer only. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve Casebook to a browser on this computer only (127.0.0.1), for machines without Electron')
    .option('--port <port>', 'port to listen on (0 = any free port)', '0')
    .action(async (options: { port: string }, command: Command) => {
      const { vaultPath, json } = globals(command);
      const app = createCasebookApp(vaultPath);
      const host = await startWebHost({
        app,
        port: Number.parseInt(options.port, 10),
        rendererDirectory: fileURLToPath(new URL('../../../renderer', import.meta.url)),
      });
      print(json, { url: host.openUrl, vault: vaultPath }, `Casebook is ready at ${host.openUrl}`);
      const stop = async () => {
        app.close();
        await host.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {});
    });
}
