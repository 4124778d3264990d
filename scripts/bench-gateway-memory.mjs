// Preloaded into the push bench's gateway processes (`node --expose-gc --import <this>`), never into
// a real one: on SIGUSR2 the process collects all its garbage and prints `process.memoryUsage()`
// to stderr as one line, `bench-memory {…}`, so the bench compares live memory, not garbage that
// happens not to be collected yet.
process.on('SIGUSR2', () => {
  globalThis.gc();
  globalThis.gc();
  process.stderr.write(`bench-memory ${JSON.stringify(process.memoryUsage())}\n`);
});
