/**
 * The switches playwright-core 1.65 passes to Chromium before ours (its chromiumSwitches and, when
 * headless, its headless ones), copied so that chromium-early.ts can start Chromium before
 * Playwright is loaded. A copy goes stale when Playwright changes them: the early process is then
 * not taken (Playwright launches its own, as before) and tests/e2e/early-chromium.test.ts
 * fails, which is the moment to copy them again from node_modules/playwright-core.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/** A function, as Playwright's is: one feature depends on the environment at launch. */
export function playwrightChromiumSwitches(): string[] {
  const enabled = [process.env.PLAYWRIGHT_LEGACY_SCREENSHOT ? '' : 'CDPScreenshotNewSurface', 'SkipListAccountsWithoutGaiaCookies'].filter(Boolean);
  return [
    '--disable-field-trial-config',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-back-forward-cache',
    '--disable-breakpad',
    '--disable-component-extensions-with-background-pages',
    '--disable-component-update',
    '--no-default-browser-check',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-edgeupdater',
    '--disable-extensions',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
    `--enable-features=${enabled.join(',')}`,
    '--allow-pre-commit-input',
    '--disable-hang-monitor',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--disable-updater-scheduler',
    '--force-color-profile=srgb',
    '--metrics-recording-only',
    '--no-first-run',
    '--password-store=basic',
    '--use-mock-keychain',
    '--no-service-autorun',
    '--disable-search-engine-choice-screen',
    '--unsafely-disable-devtools-self-xss-warnings',
    '--enable-unsafe-swiftshader',
    '--edge-skip-compat-layer-relaunch',
    '--disable-stack-profiler',
    '--disable-infobars',
    '--disable-sync',
    '--do-not-de-elevate',
  ];
}

export const PLAYWRIGHT_HEADLESS_SWITCHES = [
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4',
];
