import { createInterface } from 'node:readline';
import { CasebookError } from '../../shared/api/errors.js';

/**
 * Secrets come from an environment variable or a hidden prompt on the terminal,
 * never from a command-line argument (arguments show in `ps` and shell history).
 */
export async function readSecret(envName: string, prompt: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CasebookError('invalid_payload', `set ${envName} or run in a terminal to be asked for it`);
  }
  return hiddenPrompt(prompt);
}

/** Asks twice when choosing a new secret, so a typo does not lock the reviewer out. */
export async function readNewSecret(envName: string, prompt: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const first = await readSecret(envName, prompt);
  const second = await hiddenPrompt('Type it again: ');
  if (first !== second) throw new CasebookError('invalid_payload', 'the two passphrases do not match');
  return first;
}

function hiddenPrompt(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const terminal = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Readline redraws the line as the prompt plus what was typed: show the prompt, never the keys.
    (terminal as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => {
      if (text.startsWith(prompt)) process.stderr.write(prompt);
    };
    terminal.on('SIGINT', cancelled);
    terminal.question(prompt, (answer) => {
      terminal.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** Ctrl-C at a prompt: readline has the terminal in raw mode, so no signal ends the process by itself. */
export function cancelled(): never {
  process.stderr.write('\ncancelled\n');
  process.exit(130);
}
