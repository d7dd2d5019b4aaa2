// Times two Node.js feed parsers on one file, for the bench's "peers" scenario (PeerParsers.java).
// Usage: node peers.js FILE WARMUP ROUNDS PER_ROUND
// Prints one line per parser, "<name> <version> <ms per parse> <CPU ms per parse> <entries>", or
// "<name> failed <why>": the wall and the CPU time (the process's, all its threads) of the fastest
// round each, as the bench's Java side takes them, since the machine may be shared.
// Each parse starts from the file's bytes, as Orrery's does: decoding is part of the work.
'use strict';
const fs = require('fs');
const { Readable } = require('stream');

const file = process.argv[2];
const [warmup, rounds, perRound] = process.argv.slice(3, 6).map(Number);
const bytes = fs.readFileSync(file);

/** MonitoRSS's parser: a stream of items, as MonitoRSS feeds it. */
function feedparser() {
  const FeedParser = require('feedparser');
  return new Promise((resolve, reject) => {
    const items = [];
    const parser = new FeedParser();
    parser.on('error', reject);
    parser.on('readable', function () {
      let item;
      while ((item = this.read())) {
        items.push(item);
      }
    });
    parser.on('end', () => resolve(items.length));
    Readable.from([bytes]).pipe(parser);
  });
}

/** rss-parser, from the text of the file. */
let rssParser;
async function rssparser() {
  if (!rssParser) {
    const RssParser = require('rss-parser');
    rssParser = new RssParser();
  }
  const feed = await rssParser.parseString(bytes.toString('utf8'));
  return feed.items.length;
}

function version(name) {
  return require(name + '/package.json').version;
}

async function time(name, parse) {
  try {
    let entries = 0;
    for (let i = 0; i < warmup; i++) {
      entries = await parse();
    }
    let [wall, cpu] = [Infinity, Infinity];
    for (let round = 0; round < rounds; round++) {
      const start = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      for (let i = 0; i < perRound; i++) {
        entries = await parse();
      }
      const used = process.cpuUsage(cpuStart);
      wall = Math.min(wall, Number(process.hrtime.bigint() - start) / 1e6 / perRound);
      cpu = Math.min(cpu, (used.user + used.system) / 1e3 / perRound);
    }
    console.log(`${name} ${version(name)} ${wall.toFixed(3)} ${cpu.toFixed(3)} ${entries}`);
  } catch (e) {
    console.log(`${name} failed ${String(e && e.message ? e.message : e).replace(/\s+/g, ' ')}`);
  }
}

(async () => {
  await time('feedparser', feedparser);
  await time('rss-parser', rssparser);
})();
