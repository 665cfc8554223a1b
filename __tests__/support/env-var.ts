/** Test support: an environment variable set for one test, put back as it was afterwards. */
import type { TestContext } from 'node:test';

export function setEnvFor(t: TestContext, name: string, value: string): void {
  const saved = process.env[name];
  process.env[name] = value;
  t.after(() => {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  });
}
