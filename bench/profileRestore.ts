import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { recordsForTest, restoreFrom } from './storage';

/*
 * The storage section's restore, alone, for profiling:
 * `node --import tsx bench/profileRestore.ts [count] [rounds] [profile.cpuprofile]` restores `count`
 * pending delayed downloads `rounds` times, prints the CPU ms of each and, given a file name,
 * writes a CPU profile of the measured part only (host start, idle and the first write; not the
 * making of the records).
 */
const count = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 3);
const profileTo = process.argv[4];
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await recordsForTest(1_000);
for (let i = 0; i < rounds; i++) {
  const stored = await recordsForTest(count);
  if (profileTo !== undefined) await session.post('Profiler.start');
  const run = await restoreFrom(stored, count);
  if (profileTo !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profileTo.replace('.cpuprofile', `.${i}.cpuprofile`), JSON.stringify(profile));
  }
  console.log(`restore ${count}: ${run.ms.toFixed(1)} ms CPU, ${run.wallMs.toFixed(1)} ms wall, first write ${(run.firstWrite / 1024).toFixed(0)} KB`);
}
session.disconnect();
