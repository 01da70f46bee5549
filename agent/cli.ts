#!/usr/bin/env node
/** The `hostwatch` command. */
import { dispatch } from './cli/dispatch.js';

const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
};

dispatch(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hostwatch: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70; // EX_SOFTWARE
  },
);
