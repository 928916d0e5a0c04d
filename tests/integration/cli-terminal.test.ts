import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Vault } from '../../db/vault.js';
import { CLI } from '../support/build.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

/**
 * The CLI at a real terminal: util-linux `script` gives it a pseudo-terminal, and
 * the test reads the screen as a person would, escape sequences applied.
 */

const tempDirectory = tempDirectoryFactory();
let running: ChildProcessWithoutNullStreams | undefined;

afterEach(() => {
  running?.kill();
  running = undefined;
});

/** The lines a terminal shows for this output: enough of VT100 for readline (CR, cursor to column, clear). */
function screen(output: string): string[] {
  const lines: string[] = [''];
  let column = 0;
  for (let index = 0; index < output.length; index++) {
    const control = output[index] === '\x1b' ? /^\[(\d*)([A-Za-z])/.exec(output.slice(index + 1)) : null;
    const row = lines.length - 1;
    if (control) {
      const [sequence, count, command] = control;
      if (command === 'G') column = Math.max(Number(count || 1) - 1, 0);
      if (command === 'J' || command === 'K') lines[row] = (lines[row] ?? '').slice(0, column);
      index += sequence.length;
    } else if (output[index] === '\r') column = 0;
    else if (output[index] === '\n') {
      lines.push('');
      column = 0;
    } else {
      const line = (lines[row] ?? '').padEnd(column);
      lines[row] = line.slice(0, column) + output[index] + line.slice(column + 1);
      column++;
    }
  }
  return lines;
}

function atTerminal(args: string[]) {
  const command = [process.execPath, CLI, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, CASEBOOK_PASSPHRASE: '', CASEBOOK_RECOVERY_KEY: '' },
  });
  running = child;
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    type: (text: string) => child.stdin.write(text),
    screen: () => screen(output),
    exited,
    /** Waits until the screen shows `line` (the cursor's line, with `atCursor`), or fails showing the screen. */
    async waitFor(line: string, { atCursor = false } = {}) {
      const deadline = Date.now() + 20_000;
      const shown = () => (atCursor ? screen(output).at(-1) === line : screen(output).includes(line));
      while (!shown()) {
        if (Date.now() > deadline) {
          throw new Error(`never showed ${JSON.stringify(line)}; screen: ${JSON.stringify(screen(output))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

async function newVault(): Promise<string> {
  const path = join(tempDirectory(), 'case.vault');
  (await Vault.create(path, PASSPHRASE, { scrypt: FAST_SCRYPT })).vault.close();
  return path;
}

describe('the CLI at a terminal', () => {
  it('shows the passphrase prompt and hides what is typed', async () => {
    const vault = await newVault();
    const terminal = atTerminal(['--vault', vault, 'review', 'list']);
    await terminal.waitFor('Passphrase: ', { atCursor: true });
    terminal.type(`${PASSPHRASE}\r`);
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen()).toContain('No reviews.');
    expect(terminal.screen().join('\n')).not.toContain(PASSPHRASE);
  });

  it('takes the JSON typed for --input -, then asks for the passphrase', async () => {
    const vault = await newVault();
    const terminal = atTerminal(['--vault', vault, 'review', 'create', '--input', '-', '--json']);
    await terminal.waitFor('Type the JSON object:');
    terminal.type('{"title": "Child H",\r');
    terminal.type(' "type": "cspr"}\r');
    await terminal.waitFor('Passphrase: ', { atCursor: true });
    terminal.type(`${PASSPHRASE}\r`);
    expect(await terminal.exited).toBe(0);
    expect(terminal.screen().some((line) => /^\{"id":"[0-9a-f-]{36}"\}$/.test(line))).toBe(true);
  });

  it('Ctrl-C while typing the JSON or the passphrase cancels, with nothing written', async () => {
    const vault = await newVault();
    const typingJson = atTerminal(['--vault', vault, 'review', 'create', '--input', '-']);
    await typingJson.waitFor('Type the JSON object:');
    typingJson.type('{"title": "Child H",\x03');
    expect(await typingJson.exited).toBe(130);
    expect(typingJson.screen()).toContain('cancelled');

    const typingPassphrase = atTerminal(['--vault', vault, 'review', 'create', '--input', '-']);
    await typingPassphrase.waitFor('Type the JSON object:');
    typingPassphrase.type('{"title": "Child H", "type": "scr"}\r');
    await typingPassphrase.waitFor('Passphrase: ', { atCursor: true });
    typingPassphrase.type('viol\x03');
    expect(await typingPassphrase.exited).toBe(130);

    const opened = await Vault.unlock(vault, { passphrase: PASSPHRASE });
    expect(opened.database.prepare('SELECT count(*) AS n FROM review').get()).toEqual({ n: 0 });
    opened.close();
  });
});
