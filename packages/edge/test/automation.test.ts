import { describe, expect, it } from "vitest";
import demoConfig from "@vitrine/demo-store/config";
import { isBot } from "../src/http/visitor-context";
import { call, ev, newSite, newVisitor, storedProfile } from "./helpers";

const HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";
const CHROME = HEADLESS.replace("HeadlessChrome", "Chrome");

describe("automation browsers", () => {
  it.each([
    [HEADLESS, false, true],
    [HEADLESS, true, false],
    [`${CHROME} Playwright/1.65`, true, false],
    ["Googlebot/2.1 (+http://www.google.com/bot.html)", true, true],
    [`${HEADLESS} Googlebot/2.1`, true, true],
    [CHROME, false, false],
  ])("%s with allowAutomation=%s is a bot: %s", (ua, allow, bot) => {
    expect(isBot(ua, allow)).toBe(bot);
  });

  it("are bots by default, and visitors on a site that allows automation", async () => {
    const body = (visitor: string) => ({ visitor, events: [ev("category_view", { categories: ["Kids"] })] });
    const strictSite = await newSite("noauto", demoConfig);
    const visitorA = newVisitor("auto");
    const refused = await call("POST", "/v1/decide", { site: strictSite, ...body(visitorA) }, { headers: { "user-agent": HEADLESS } });
    expect(((await refused.json()) as { bot: boolean }).bot).toBe(true);
    expect(await storedProfile(strictSite, visitorA)).toBeNull();

    const testSite = await newSite("auto", { ...demoConfig, settings: { allowAutomation: true } });
    const visitorB = newVisitor("auto");
    const allowed = await call("POST", "/v1/decide", { site: testSite, ...body(visitorB) }, { headers: { "user-agent": HEADLESS } });
    expect(((await allowed.json()) as { bot?: boolean }).bot).toBeUndefined();
    expect(await storedProfile(testSite, visitorB)).not.toBeNull();
  });
});
