// Boots the built main bundle (out/main/index.js of the cwd) against the fake `electron` package
// and prints what the shell did as one JSON line. Run by bundle.test.ts.
const deadline = Date.now() + 60_000;
const until = async (condition) => {
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

await import(`${process.cwd()}/out/main/index.js`);
const fake = globalThis.__fakeElectron;
await until(() => fake.windows.length >= 2 || fake.errors.length > 0);
const wall = fake.windows.find((w) => w.url === 'app://cur/wall');
const ask = (window, channel, arg) =>
  fake.ipc.get(channel)({ sender: window.webContents, senderFrame: { url: window.url } }, arg);
const page = await fake.protocol.get('app')(new Request('app://cur/wall'));
const region = await fake.protocol.get('app')(new Request('app://cur/regions/RU-NIZ/outline.geojson'));
let synced = false;
await until(async () => {
  const status = await ask(wall, 'sync:status', {});
  synced = status.ok && status.result.some((source) => source.lastSyncAt);
  return synced;
});
const result = {
  errors: fake.errors,
  windows: fake.windows.map((w) => ({
    url: w.url,
    kiosk: !!w.options.kiosk,
    preload: w.options.webPreferences.preload,
  })),
  schemes: fake.schemes.map((s) => s.scheme),
  channels: [...fake.ipc.keys()].sort(),
  menu: fake.menu.map((m) => m.label),
  page: { status: page.status, csp: page.headers.get('content-security-policy') },
  region: { status: region.status, type: region.headers.get('content-type') },
  summary: await ask(wall, 'wall:summary', {}).then((e) => e.ok),
  forbidden: await ask(wall, 'wall:show', { kind: 'appeal', id: '1', seconds: 10 }).then((e) => e.ok || e.error.code),
  networkCancelled: await new Promise((resolve) =>
    fake.before({ url: 'https://example.com/' }, (r) => resolve(r.cancel)),
  ),
  synced,
};
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(0);
