import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './test/fixtures/tfr-node-process.ts';
import { heightOf, writeTestGenesis, type ProcessNet } from './test/fixtures/node-processes.ts';
import { NodeProcess } from './test/fixtures/tfr-node-process.ts';
for (let run = 0; run < 30; run++) {
  const dir = await mkdtemp(join(tmpdir(), 'tfr-scr-'));
  const ports = await freePorts(8);
  const net: ProcessNet = { dir, genesisPath: await writeTestGenesis(dir, 'network-campaign', 4), seed: 'network-campaign', p2pPorts: ports.slice(0, 4), rpcPorts: ports.slice(4) };
  const nodes = [0, 1, 2, 3].map((i) => new NodeProcess({ genesis: net.genesisPath, data: join(dir, `node-${i + 1}`), p2pPort: net.p2pPorts[i]!, rpcPort: net.rpcPorts[i]!, peers: net.p2pPorts.filter((_, j) => j !== i).map((p) => `127.0.0.1:${p}`), extraArgs: ['--test-validators', `${i + 1}-${i + 1}`, '--seed', 'network-campaign', '--log', 'debug'] }));
  await Promise.all(nodes.map((n) => n.ready()));
  const t = Date.now();
  let ok = false;
  while (Date.now() - t < 40_000) {
    const hs = await Promise.all(nodes.map((n) => heightOf(n.url)));
    if (hs.every((h) => (h ?? 0) >= 2)) { ok = true; break; }
    await new Promise((r) => setTimeout(r, 200));
  }
  const hs = await Promise.all(nodes.map((n) => heightOf(n.url)));
  console.log(`run ${run}: ${ok ? 'height 2 after ' + (Date.now() - t) + ' ms' : 'STUCK'} heights ${hs}`);
  if (!ok) {
    for (const [i, n] of nodes.entries()) await writeFile(`/tmp/stuck-node-${i}.log`, n.stdout + '\n---stderr\n' + n.stderr);
    const nets = await Promise.all(nodes.map((n) => n.client.net().then((x) => JSON.stringify(x.peers.map((p) => [p.validator, p.height, p.score, p.direction]))).catch(String)));
    console.log(nets.join('\n'));
  }
  for (const n of nodes) n.kill('SIGKILL');
  await Promise.all(nodes.map((n) => n.exited));
  await rm(dir, { recursive: true, force: true });
  if (!ok) break;
}
