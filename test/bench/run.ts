/**
 * `npm run bench [-- --json] [-- NAME...]`: runs the project's benchmarks. Signature checks on the
 * thread pool use two threads, as on a 2-core validator.
 */
process.env['UV_THREADPOOL_SIZE'] ??= '2';

const { machine, say } = await import('./harness.ts');
const { runExecutionBench } = await import('./execution.bench.ts');
const { runConsensusBench } = await import('./consensus.bench.ts');
const { runThroughputBench } = await import('./throughput.bench.ts');
const { runRpcBench } = await import('./rpc.bench.ts');
const { runSwapBench } = await import('./swap.bench.ts');
const { runDaoBench } = await import('./dao.bench.ts');
const { runFarmingBench } = await import('./farming.bench.ts');
const { runSyncBench } = await import('./sync.bench.ts');
const { runNetworkBench } = await import('./network-throughput.bench.ts');
const { runAnchorBench } = await import('./anchor.bench.ts');

const benches: Record<string, () => Promise<void>> = {
  execution: runExecutionBench,
  consensus: runConsensusBench,
  throughput: runThroughputBench,
  rpc: runRpcBench,
  swap: runSwapBench,
  dao: runDaoBench,
  farming: runFarmingBench,
  sync: runSyncBench,
  network: runNetworkBench,
  anchor: runAnchorBench,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
say(`machine: ${machine()}`);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
