import { execFileSync } from 'node:child_process';

/**
 * The arguments of `node` that start the server as scripts/start.sh does: the compiled module
 * (.build/server.mjs, built first when its sources are newer), with a V8 heap limit when asked.
 * For the tools that start servers of their own (the cluster drill, the benchmarks).
 */
export function compiledServerArgs(heapMb?: number | string): string[] {
  execFileSync('bash', ['scripts/build-server.sh'], { stdio: 'inherit' });
  return [...(heapMb ? [`--max-old-space-size=${Number(heapMb)}`] : []), '.build/server.mjs'];
}
