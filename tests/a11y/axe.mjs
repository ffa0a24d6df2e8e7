// Loads each given page of a built hub in headless Chromium and runs axe-core on it, with every
// rule axe runs by default (WCAG 2.0–2.2 A and AA, and best practices). Prints each violation
// and exits 1 if there is any; exits 2 if Chromium cannot be driven.
//
//   node tests/a11y/axe.mjs SITE_DIR page.html [page.html...]
//   node tests/a11y/axe.mjs SITE_DIR --screenshot OUT.png page.html
//
// Chromium is driven over --remote-debugging-pipe (the DevTools protocol as NUL-separated JSON
// on file descriptors 3 and 4), so nothing but axe-core is needed from npm and no browser is
// downloaded: it uses Debian's /usr/bin/chromium, or $CHROMIUM.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const args = process.argv.slice(2);
const site = args.shift();
let screenshot = null;
if (args[0] === "--screenshot") {
  args.shift();
  screenshot = args.shift();
}
if (!site || args.length === 0) {
  console.error("usage: node axe.mjs SITE_DIR [--screenshot OUT.png] PAGE...");
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), "spotlight-axe-"));
const chromium = spawn(
  process.env.CHROMIUM || "/usr/bin/chromium",
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
    `--user-data-dir=${profile}`,
    "about:blank",
  ],
  { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
);
let stderr = "";
chromium.stderr.on("data", (d) => (stderr += d));
chromium.on("error", (e) => fail(`cannot start Chromium: ${e.message}`));

const toBrowser = chromium.stdio[3];
const fromBrowser = chromium.stdio[4];
let nextId = 1;
const waiting = new Map();
let buffer = "";
fromBrowser.on("data", (chunk) => {
  buffer += chunk.toString("utf8");
  let end;
  while ((end = buffer.indexOf("\0")) !== -1) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (message.id && waiting.has(message.id)) {
      const { ok, ko } = waiting.get(message.id);
      waiting.delete(message.id);
      message.error ? ko(new Error(JSON.stringify(message.error))) : ok(message.result);
    }
  }
});

function send(method, params = {}, sessionId) {
  const id = nextId++;
  toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  return new Promise((ok, ko) => waiting.set(id, { ok, ko }));
}

function fail(message) {
  console.error(`axe: ${message}\n${stderr}`);
  try {
    chromium.kill();
  } catch {}
  removeProfile();
  process.exit(2);
}

// Chromium may still be writing to its profile as it exits; a profile left in /tmp is not a
// reason to hide the message that explains the failure.
function removeProfile() {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {}
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// Waits until the page's document is the one asked for and has finished loading. The load
// event alone is not enough: the new tab's own about:blank can fire it after Page.enable, and
// running axe then meets "Inspected target navigated or closed" as the real page arrives.
async function loaded(url, sessionId) {
  const expression = `location.href === ${JSON.stringify(url)} && document.readyState === "complete"`;
  for (let tries = 0; tries < 600; tries += 1) {
    try {
      const { result } = await send("Runtime.evaluate", { expression, returnByValue: true }, sessionId);
      if (result.value === true) return;
    } catch {
      // the document was replaced while we asked: ask the new one
    }
    await sleep(50);
  }
  throw new Error(`${url} did not finish loading`);
}

const timer = setTimeout(() => fail("timed out after 120 s"), 120_000);

async function check(page) {
  const url = pathToFileURL(resolve(site, page)).href;
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  await send("Page.enable", {}, sessionId);
  await send("Emulation.setDeviceMetricsOverride", { width: 1280, height: 1600, deviceScaleFactor: 1, mobile: false }, sessionId);
  await send("Page.navigate", { url }, sessionId);
  await loaded(url, sessionId);
  await send("Runtime.evaluate", { expression: axeSource }, sessionId);
  const { result, exceptionDetails } = await send(
    "Runtime.evaluate",
    {
      expression: "axe.run(document).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))))",
      awaitPromise: true,
      returnByValue: true,
    },
    sessionId,
  );
  if (exceptionDetails) {
    throw new Error(`axe failed on ${page}: ${JSON.stringify(exceptionDetails)}`);
  }
  if (screenshot) {
    const { data } = await send("Page.captureScreenshot", { format: "png" }, sessionId);
    writeFileSync(screenshot, Buffer.from(data, "base64"));
  }
  await send("Target.closeTarget", { targetId });
  return JSON.parse(result.value);
}

let total = 0;
try {
  for (const page of args) {
    const violations = await check(page);
    for (const v of violations) {
      total += 1;
      console.log(`${page}: ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join("\n    ")}`);
    }
  }
} catch (e) {
  fail(e.message);
}
clearTimeout(timer);
const exited = new Promise((ok) => chromium.on("exit", ok));
send("Browser.close").catch(() => {});
await exited;
removeProfile();
console.log(`axe: ${args.length} page(s), ${total} violation(s)`);
process.exit(total === 0 ? 0 : 1);
