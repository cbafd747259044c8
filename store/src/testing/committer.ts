// Child process for the store's fault tests: commits to the store in <dir> and reports each commit
// on stdout ("ok <id>") as soon as commit() has returned, so the parent knows what must survive.
//   node committer.js <dir> loop            commit (with the odd tag and gc) until killed
//   node committer.js <dir> auto <count>    <count> commits on top of whatever the tip is
//   node committer.js <dir> cas <count>     <count> commits with explicit parents, retrying on REF_MOVED
import { randomInt } from 'node:crypto';
import { DeepdiffError } from '@deepdiff/core';
import { Repository } from '../repository.js';
import { putTree, testChunkLinks, writeTestSnapshot } from './fixtures.js';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** With COMMITTER_WAIT=1 the process loads, then waits for a line on stdin: start-up overlaps the previous run. */
async function waitForGo(): Promise<void> {
  if (process.env.COMMITTER_WAIT !== '1') return;
  await new Promise<void>((go) => process.stdin.once('data', () => go()));
  process.stdin.pause();
}

async function main(): Promise<void> {
  const [dir, mode, countText] = process.argv.slice(2);
  if (dir === undefined || mode === undefined) throw new Error('usage: committer <dir> loop|auto|cas [count]');
  await waitForGo();
  const repo = await Repository.open(dir, { chunkLinks: testChunkLinks, lockTimeoutMs: 60_000 });
  const count = mode === 'loop' ? Infinity : Number(countText ?? '10');
  say('ready');
  let done = 0;
  while (done < count) {
    const snapshot = await writeTestSnapshot(repo, { tables: { users: randomInt(1000), orders: randomInt(1000) }, leaves: randomInt(1, 6) });
    if (mode === 'loop' && randomInt(4) === 0) putTree(repo.objects, 3); // unreachable chunks for gc to find
    const author = { name: `committer ${process.pid}` };
    const message = `${mode} ${process.pid} #${done}`;
    try {
      if (mode === 'cas') {
        const parents = (await repo.head()).id;
        const result = await repo.commit({ snapshot, message, author, parents: parents === undefined ? [] : [parents] });
        say(`ok ${result.id}`);
      } else {
        const result = await repo.commit({ snapshot, message, author });
        say(`ok ${result.id}`);
      }
      done++;
    } catch (error) {
      if (error instanceof DeepdiffError && error.code === 'REF_MOVED') {
        say('moved');
        continue;
      }
      throw error;
    }
    if (mode === 'loop') {
      if (randomInt(5) === 0) await repo.createTag(`t${process.pid}-${done}`);
      if (randomInt(8) === 0) await repo.gc({ graceMs: 0 });
    }
  }
  await repo.close();
}

main().catch((error: unknown) => {
  const code = error instanceof DeepdiffError ? error.code : 'ERROR';
  say(`err ${code} ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
