import { readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { z } from 'zod';
import { CasebookError } from '../../shared/api/errors.js';
import { cancelled } from './prompt.js';

/**
 * The values of a command that takes personal data (names, titles, notes), from a
 * JSON object on standard input (`--input -`) or from flags. A flag's value shows
 * in the process list, in shell history and, run through `npx`, in npm's debug
 * log in the home folder; standard input shows nowhere. The JSON object uses the
 * flags' own names (`--scope-from` is `scopeFrom`), and both ways are checked
 * against the app's channel schema, so a bad value gets the app's message.
 */

/** Enough for the longest free text a command takes (terms of reference), many times over. */
const MAX_INPUT_BYTES = 1024 * 1024;

export interface InputSpec<Schema extends z.ZodType> {
  /** The contract channel's input schema. */
  schema: Schema;
  /** Each schema field and the flag that gives it, e.g. `{ agencies: '--agency' }`. */
  fields: Record<string, string>;
  /** The schema fields a command cannot do without, checked first for a plain "missing" line. */
  required: string[];
  usage: string;
  /** The CLI's leniencies before the schema sees a value, e.g. `SCR` for `scr`. */
  adjust?: Record<string, (value: unknown) => unknown>;
}

/**
 * Adds `--input -` as the command's first option, and help saying why to use it:
 * `invocation` is the command to run, `example` the JSON object a person types.
 */
export function takesPersonalInput(command: Command, invocation: string, example: string): Command {
  return command
    .option('--input <source>', 'read the values below as one JSON object from standard input: give "-"')
    .addHelpText(
      'after',
      [
        '',
        'Keep names and other personal details out of the process list and shell history:',
        "give them on standard input as one JSON object with the flags' names. Run",
        `  ${invocation}`,
        'and type the object when asked, or pipe it in from your own program, e.g.',
        `  ${example}`,
        'The flags put each value in the process list, your shell history and (through npx)',
        "npm's debug log in your home folder: keep them for test data and scripts.",
      ].join('\n'),
    );
}

/** The command's values, from standard input and flags, checked against the channel's schema. */
export async function readInput<Schema extends z.ZodType>(
  command: Command,
  spec: InputSpec<Schema>,
): Promise<z.output<Schema>> {
  const given = await readStandardInput(command, spec.fields);
  const options = command.opts<Record<string, unknown>>();
  const value: Record<string, unknown> = {};
  for (const [field, flag] of Object.entries(spec.fields)) {
    const name = optionName(command, flag);
    const fromFlag = command.getOptionValueSource(name) === 'cli' ? options[name] : undefined;
    if (fromFlag !== undefined && given[name] !== undefined) {
      throw new CasebookError('invalid_payload', `${flag} is given twice: as a flag and as "${name}" in --input`);
    }
    const found = given[name] ?? fromFlag;
    if (found !== undefined) value[field] = spec.adjust?.[field]?.(found) ?? found;
  }
  const missing = spec.required.filter((field) => value[field] === undefined).map((field) => spec.fields[field]);
  if (missing.length > 0) {
    throw new CasebookError('invalid_payload', `missing ${missing.join(', ')}; usage: ${spec.usage}`);
  }
  const parsed = spec.schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new CasebookError(
    'invalid_payload',
    issues.map((issue) => `${spec.fields[issue.path.split('.')[0] ?? ''] ?? issue.path}: ${issue.message}`).join('; '),
    issues,
  );
}

/** Commander's name for a flag's value: `--scope-from` is `scopeFrom`. */
function optionName(command: Command, flag: string): string {
  const option = command.options.find((candidate) => candidate.long === flag);
  if (!option) throw new Error(`${command.name()} has no ${flag} option`);
  return option.attributeName();
}

/** The JSON object on standard input with `--input -`; an empty object without it. */
async function readStandardInput(command: Command, fields: Record<string, string>): Promise<Record<string, unknown>> {
  const source = command.opts<{ input?: string }>().input;
  if (source === undefined) return {};
  if (source !== '-') {
    throw new CasebookError('invalid_payload', `--input takes "-" (standard input), not ${source}`);
  }
  const text = process.stdin.isTTY ? await readTypedObject() : await readPipe();
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch {
    throw new CasebookError('invalid_payload', '--input: standard input is not valid JSON');
  }
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new CasebookError('invalid_payload', '--input: standard input must be one JSON object, e.g. {"name": "..."}');
  }
  const known = Object.values(fields).map((flag) => optionName(command, flag));
  const unexpected = Object.keys(given).filter((name) => !known.includes(name));
  if (unexpected.length > 0) {
    throw new CasebookError(
      'invalid_payload',
      `--input: unknown field ${unexpected.map((name) => `"${name}"`).join(', ')}; the fields are ${known.join(', ')}`,
    );
  }
  return given as Record<string, unknown>;
}

/**
 * A JSON value too long for flags (a report section's text), from a file or from
 * standard input when `source` is "-"; at most 1 MB either way.
 */
export async function readJsonSource(source: string, flag: string): Promise<unknown> {
  const where = source === '-' ? 'standard input' : source;
  let text: string;
  if (source === '-') {
    text = process.stdin.isTTY ? await readTypedObject() : await readPipe();
  } else {
    try {
      if (statSync(source).size > MAX_INPUT_BYTES)
        throw new CasebookError('too_large', `${flag}: ${where} is over 1 MB`);
      text = readFileSync(source, 'utf8');
    } catch (error) {
      if (error instanceof CasebookError) throw error;
      throw new CasebookError(
        'unreadable_file',
        `${flag}: cannot read ${where} (${(error as NodeJS.ErrnoException).code})`,
      );
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CasebookError('invalid_payload', `${flag}: ${where} is not valid JSON`);
  }
}

async function readPipe(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INPUT_BYTES) throw new CasebookError('invalid_payload', '--input: standard input is over 1 MB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * At a terminal the object ends where its braces close, not at Ctrl-D, so that
 * standard input stays open for the passphrase prompt that follows.
 */
async function readTypedObject(): Promise<string> {
  // The terminal is in readline's hands (no double echo) before the person is asked.
  const terminal = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  terminal.on('SIGINT', cancelled);
  process.stderr.write('Type the JSON object:\n');
  let text = '';
  for await (const line of terminal) {
    text += `${line}\n`;
    if (text.length > MAX_INPUT_BYTES || isJson(text)) break;
  }
  terminal.close();
  return text;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
