/**
 * Running git in the checkout, bounded: every call has a timeout and a cap on what it reads, so a
 * huge or hung repository ends a question instead of the run. What reaches git as a commit is a
 * commit id only (`COMMIT_ID`): a tag value or an event field is anyone's to write, and no option.
 */
import { execFile } from 'node:child_process';

/** A git call that takes longer than this is given up. */
const GIT_TIMEOUT_MS = 10_000;
/** The most bytes read of one git answer (a listing or a file). */
const GIT_MAX_BYTES = 8 * 1024 * 1024;

export const COMMIT_ID = /^[0-9a-f]{7,64}$/i;

/** git's output; rejects with execFile's error (its `code` is git's exit status, `killed` a timeout). */
export function git(workspace: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', workspace, ...args],
      { encoding: 'buffer', timeout: GIT_TIMEOUT_MS, maxBuffer: GIT_MAX_BYTES },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}
