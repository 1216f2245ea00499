// Preloaded with `node --require` by bench/run.mjs: reports the process's peak RSS (kB) on stderr at exit.
process.on('exit', () => {
  process.stderr.write(`\nsnclint-bench-maxrss-kb=${process.resourceUsage().maxRSS}\n`);
});
