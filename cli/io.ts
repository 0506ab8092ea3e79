/**
 * Input and output for the CLI: the streams a command talks to (injectable, so commands can run
 * in-process), reading whole inputs or one line at a time with backpressure, parsing JSON or YAML
 * text into plain data, and printing errors in GOBL's JSON shape.
 */
import { readFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import type { BuildError } from '../engine/core/fault.ts';
import { parseJsonText } from '../engine/core/json-text.ts';
import { parseYamlText } from '../engine/core/yaml-text.ts';

export interface Io {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/** A mistake in how the CLI was called: exit status 2, message and usage on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to print (the global usage when absent). */
    readonly command?: string,
  ) {
    super(message);
  }
}

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: BuildError };

/** `-` and no argument both mean standard input. */
export const isStdin = (source: string | undefined): boolean => source === undefined || source === '-';

export const looksLikeYaml = (source: string | undefined): boolean => source !== undefined && /\.ya?ml$/i.test(source);

/** Reads the whole of a file or of standard input as UTF-8 text. */
export async function readSource(source: string | undefined, io: Io): Promise<{ ok: true; text: string } | { ok: false; error: BuildError }> {
  if (isStdin(source)) {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
  }
  try {
    return { ok: true, text: await readFile(source!, 'utf8') };
  } catch (e) {
    return { ok: false, error: inputError(`cannot read ${source}: ${describeFsError(e)}`, 'INPUT-READ') };
  }
}

/** A stream of a file or of standard input, for line-by-line reading. */
export function openSource(source: string | undefined, io: Io): Readable {
  return isStdin(source) ? io.stdin : createReadStream(source!);
}

export function describeFsError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

/** An `input` error with a single fault on the whole document. */
export function inputError(message: string, code: string): BuildError {
  return { key: 'input', message, faults: [{ code, paths: ['$'], message }] };
}

export function parseJson(text: string): Parsed {
  const r = parseJsonText(text);
  return r.ok ? r : { ok: false, error: inputError(r.error.message, 'JSON-SYNTAX') };
}

/** YAML 1.2 core schema (so `2022-02-01` stays a string), like GOBL's YAML decoder. */
export function parseYaml(text: string): Parsed {
  const r = parseYamlText(text);
  return r.ok ? r : { ok: false, error: inputError(r.error.message, 'YAML-SYNTAX') };
}

/** `{"error": {key, message, faults}}`, GOBL's error shape. */
export function errorDocument(error: BuildError): { error: { key: string; message: string; faults: { code: string; paths: string[]; message: string }[] } } {
  return {
    error: {
      key: error.key,
      message: error.message,
      faults: error.faults.map((f) => ({ code: f.code, paths: [...f.paths], message: f.message })),
    },
  };
}

export function internalError(e: unknown): BuildError {
  const message = `internal error: ${e instanceof Error ? e.message : String(e)}`;
  return { key: 'internal', message, faults: [] };
}

/**
 * Writes `text`, waiting for `drain` when the stream's buffer is full so a slow reader slows us
 * down instead of filling memory. Rejects if the stream fails or closes first.
 */
export function write(stream: Writable, text: string): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (e?: unknown) => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (e: unknown) => done(e ?? new Error('write failed'));
    const onClose = () => done(Object.assign(new Error('output closed'), { code: 'EPIPE' }));
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/**
 * The lines of a stream (`\n` or `\r\n` endings, the last line may lack one), read as they are
 * needed: the stream is only pulled when the consumer asks for the next line, so memory stays
 * bounded by the longest line whatever the input size.
 */
export async function* lines(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let buf = '';
  for await (const chunk of stream) {
    let searchFrom = buf.length;
    buf += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    for (;;) {
      const nl = buf.indexOf('\n', searchFrom);
      if (nl === -1) break;
      yield stripCr(buf.slice(start, nl));
      start = nl + 1;
      searchFrom = start;
    }
    if (start > 0) buf = buf.slice(start);
  }
  buf += decoder.end();
  if (buf.length > 0) yield stripCr(buf);
}

const stripCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);
