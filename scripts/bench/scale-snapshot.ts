// Multiplies a snapshot of the synthetic account: `copies` copies of every bucket, each copy's
// synthetic-NNNNNNN names (bucket, policy resources, log prefixes) shifted by the bucket count,
// so a 100,000-bucket snapshot costs a 5,000-bucket scan. For measuring evaluation and report
// memory without a million API calls.
// Usage: tsx scripts/bench/scale-snapshot.ts <in.jsonl> <copies> <out.jsonl>
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';

const [input = '', copiesText = '1', output = ''] = process.argv.slice(2);
const copies = Number(copiesText);
const [header = '', ...records] = readFileSync(input, 'utf8').split('\n').filter((line) => line !== '');
const scanned = records.filter((line) => line.includes('"synthetic-0')).length;
const out = createWriteStream(output);
out.write(`${header}\n`);
for (const line of records) if (!line.includes('"synthetic-0')) out.write(`${line}\n`);
for (let copy = 0; copy < copies; copy += 1) {
  for (const line of records) {
    if (!line.includes('"synthetic-0')) continue;
    const shifted = line.replace(/synthetic-(\d{7})/g, (_, digits: string) => `synthetic-${String(Number(digits) + copy * scanned).padStart(7, '0')}`);
    if (!out.write(`${shifted}\n`)) await once(out, 'drain');
  }
}
out.end();
