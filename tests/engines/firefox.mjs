// Drives Debian's Firefox ESR for the engine tests (tests/engines/engines.py) over WebDriver BiDi, through
// puppeteer-core: no geckodriver and no browser download. One JSON command a line on stdin, {op, args}; one JSON
// answer a line on stdout, {value} or {error}.
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.KNOBS_FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
});
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
const errors = [];
const requests = [];
page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
page.on("pageerror", (error) => errors.push(String(error)));
page.on("request", (request) => requests.push(request.url()));

async function nth(selector, index) {
  const found = await page.$$(selector);
  if (!found[index]) throw new Error(`no element ${index} for ${selector}`);
  return found[index];
}

async function press(chord) {
  // "Control+a": hold the modifiers, press the last key.
  const keys = chord.split("+");
  for (const key of keys.slice(0, -1)) await page.keyboard.down(key);
  await page.keyboard.press(keys.at(-1));
  for (const key of keys.slice(0, -1).reverse()) await page.keyboard.up(key);
}

const OPS = {
  goto: async (url) => void (await page.goto(url, { waitUntil: "load" })),
  reload: async () => void (await page.reload({ waitUntil: "load" })),
  evaluate: (expression) => page.evaluate(expression),
  click: async (selector, index) => (await nth(selector, index)).click(),
  focus: async (selector, index) => (await nth(selector, index)).focus(),
  press,
  type: (text) => page.keyboard.type(text),
  errors: () => errors,
  requests: () => requests,
  close: () => browser.close(),
};

for await (const line of readline.createInterface({ input: process.stdin })) {
  const { op, args } = JSON.parse(line);
  let answer;
  try {
    answer = { value: (await OPS[op](...args)) ?? null };
  } catch (error) {
    answer = { error: String((error && error.stack) || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
  if (op === "close") break;
}
process.exit(0);
