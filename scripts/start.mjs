// `npm start` (after `npm run build`): runs the proxy, which serves the built studio (dist/) and
// its API on one localhost port, and prints the URL. Configuration: PROXY_* variables (proxy/README.md).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/index.html')) console.warn('dist/ is not built yet: run `npm run build` first (npm start does).');
const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/src/server.ts'], { stdio: ['inherit', 'pipe', 'inherit'], env: process.env });
let buffered = '';
child.stdout.on('data', (chunk) => {
  buffered += chunk;
  const m = /GOBL Studio proxy: (\S+)/.exec(buffered);
  if (m) {
    console.log(`\n  GOBL Studio is running at ${m[1]}\n  (studio and proxy API on one port; Ctrl+C to stop)\n`);
    buffered = '';
  } else if (buffered.length > 10_000) buffered = '';
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
