/**
 * Starting the system Chromium, for every test and bench that drives one (playwright-core) and for
 * web-test-runner.config.mjs. Node only.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/**
 * Flags every test and bench starts the system Chromium with: these machines run as root on a closed
 * network, where Chromium without them refuses to start or stalls on refused connections. The last stops
 * the browser's own address-bar popup (a web page of Chrome's, about 60 scripts) from loading with every new
 * context: in a trace of a new context opening a small page, that popup's renderer was busy 1.9 s against the
 * page's own 0.1 s, on a 2-core machine; no page a person opens in a window they already have pays it.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/** The Chromium the tests start: CHROMIUM_PATH, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The first Chromium that is there of `preferred`, CHROMIUM_PATH and Debian's two names (benches skip without one). */
export function findChromium(preferred?: string): string | undefined {
  return [preferred, process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p): p is string => !!p && existsSync(p),
  );
}

/** Starts Chromium (playwright-core) with the project's flags and any `extraArgs`. */
export async function launchChromium(extraArgs: string[] = [], executablePath = CHROMIUM_PATH): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS, ...extraArgs] });
}
