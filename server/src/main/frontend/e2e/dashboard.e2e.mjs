// Browser test of the dashboard: Debian's chromium driven by playwright-core against a server the
// JUnit test started. Env: BASE_URL, TOKEN, APP_ZIP, SHOTS (screenshot folder). Exit 0 when every step passed.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { BASE_URL, TOKEN, APP_ZIP, SHOTS } = process.env;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(SHOTS, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'aisprint-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] || await context.newPage();
const errors = [];
page.on('pageerror', (error) => errors.push(String(error)));
page.setDefaultTimeout(60_000);

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  console.log(`step ok: ${name}`);
}

try {
  await page.goto(BASE_URL);
  await page.waitForSelector('#sign-in');
  await shot('01-sign-in');
  await page.fill('#sign-in input[name=token]', TOKEN);
  await page.click('#sign-in button');
  await page.waitForSelector('#upload');

  await page.setInputFiles('#upload input[name=file]', APP_ZIP);
  await page.click('#upload button');
  await page.waitForSelector('svg.topology');
  await page.waitForSelector('text=mask-detection');
  await shot('02-application');

  await page.fill('#design-form input[name=time_limit]', '2');
  await page.click('#design-form button');
  await page.waitForSelector('#design-result');
  const cost = await page.textContent('#design-result .stat-value');
  if (!/^0\.5664/.test(cost.trim())) throw new Error(`unexpected design cost ${cost}`);
  if (await page.locator('#design-result rect.resource.used').count() < 2) throw new Error('the placement is not drawn');
  await shot('03-design');

  // Deployment files of the design: the Kubernetes zip downloads; TOSCA is refused with toscarizer's reason.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#deployments button[data-target=k8s]')]);
  if (!/^des-[a-z0-9]+-k8s\.zip$/.test(download.suggestedFilename())) throw new Error(`unexpected download ${download.suggestedFilename()}`);
  await page.click('#deployments button[data-target=tosca]');
  await page.waitForSelector('#deployment-message .error');
  const refusal = await page.textContent('#deployment-message .error');
  if (!refusal.includes('not_deployable')) throw new Error(`unexpected TOSCA answer ${refusal}`);
  await shot('03b-deployment-files');

  await page.click('text=back to the application');
  await page.waitForSelector('#run-form');
  await page.fill('#run-form input[name=profile]', '0,2; 6,4.5');
  await page.fill('#run-form input[name=duration]', '40');
  await page.fill('#run-form input[name=time_scale]', '0.25');
  await page.click('#run-form button');
  await page.waitForSelector('canvas[data-chart^="rt-"]');
  await page.waitForFunction(() => /t\s*\d/.test(document.getElementById('run-stats').textContent));
  const first = await page.evaluate(() => document.querySelector('canvas[data-chart="load"]').toDataURL());
  const firstTime = await page.textContent('#run-stats .stat-value');
  await page.waitForTimeout(2500);
  const second = await page.evaluate(() => document.querySelector('canvas[data-chart="load"]').toDataURL());
  const secondTime = await page.textContent('#run-stats .stat-value');
  if (first === second || firstTime === secondTime) throw new Error(`the live view did not change (${firstTime} → ${secondTime})`);
  await shot('04-run-live');

  await page.waitForSelector('#replacements li.replacement');
  const reason = await page.textContent('#replacements li.replacement');
  if (!/load change|QoS violation/.test(reason)) throw new Error(`re-placement without a reason: ${reason}`);
  await shot('05-replacement');

  await page.waitForSelector('#run-status .badge.done', { timeout: 90_000 });
  await page.click('#open-report');
  const frame = await (await page.waitForSelector('iframe.report')).contentFrame();
  await frame.waitForSelector('svg');
  await page.locator('iframe.report').scrollIntoViewIfNeeded();
  await shot('06-report');

  await page.click('a[data-nav=gpu]');
  for (const [id, epochs] of [['train-a', 30], ['train-b', 60]]) {
    await page.fill('#gpu-form input[name=id]', id);
    await page.fill('#gpu-form input[name=epochs]', String(epochs));
    await page.fill('#gpu-form input[name=profile]', 'CPUx1=0.05');
    await page.click('#gpu-form button');
    await page.waitForSelector(`#gpu-jobs td:text-is("${id}")`);
  }
  await page.waitForSelector('#gpu-jobs .badge.finished', { timeout: 90_000 });
  await page.waitForTimeout(1500);
  await shot('07-gpu-gantt');
  if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
  console.log('dashboard e2e: all steps passed');
} catch (error) {
  await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
  console.error(`dashboard e2e failed: ${error.stack || error}`);
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
