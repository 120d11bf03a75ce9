import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real renderer through the browser host in Debian's Chromium
// (never a downloaded browser). The Electron spec runs only where the Electron binary exists.
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 90_000,
  // a 2-core CI machine running the whole suite answers a click in seconds at worst; an assertion
  // still polls and passes the moment the screen is right, so a wider wait costs nothing when it is
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 860 },
    actionTimeout: 15_000,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // the app honours "reduce motion" (no opening or fading animations): a click is never lost
    // to a dialog still zooming in, nor a list mistaken for the one fading out, on a loaded machine
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
