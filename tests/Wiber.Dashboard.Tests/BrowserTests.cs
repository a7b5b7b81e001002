using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wiber.Lab.Dashboard.Tests;

/// <summary>
/// The page in a real browser: Debian's chromium, headless, driven by Playwright (never a downloaded
/// browser). Everything is done by clicking, as a person would; screenshots go to artifacts/dashboard/.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task FromThePage_StartTheLab_KillTheLeader_AndSeeAMessageOnEveryNode()
    {
        Assert.SkipUnless(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium; .ci/run installs it)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        SetDefaultExpectTimeout(30_000);
        var shots = Artifacts.Folder("dashboard");
        await using var dashboard = await TestDashboard.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, e) => pageErrors.Add(e);
        async Task ShotAsync(string name) => await page.ScreenshotAsync(new() { Path = Path.Combine(shots, name), FullPage = true });
        ILocator Id(string testId) => page.GetByTestId(testId);
        var cards = page.Locator("article.node");
        var leaderCard = page.Locator("article.node[data-role=leader]");
        var toasts = page.Locator("[data-testid=toast]");

        await page.GotoAsync(dashboard.Server.Url.ToString());
        await Expect(Id("connection")).ToHaveAttributeAsync("data-live", "true");
        await Expect(Id("no-lab")).ToBeVisibleAsync();

        // Start the cluster from the page: three nodes, one leader.
        await Id("start-fast").CheckAsync();
        await Id("start").ClickAsync();
        await Expect(cards).ToHaveCountAsync(3);
        await Expect(leaderCard).ToHaveCountAsync(1);
        await Expect(Id("no-lab")).ToBeHiddenAsync();
        var leader = (await leaderCard.GetAttributeAsync("data-node"))!;
        await Expect(Id("leader")).ToHaveAttributeAsync("data-leader", leader);
        await ShotAsync("01-started.png");

        // A burst for the throughput strip; its last message reaches every node.
        await Id("publish-burst").ClickAsync();
        await Expect(Id("publishes").Locator("li").First.Locator("[data-arrived=true]")).ToHaveCountAsync(3);

        // Kill the leader from its card: another node is elected.
        await Id($"node-{leader}-kill").ClickAsync();
        await Expect(Id($"node-{leader}")).ToHaveAttributeAsync("data-state", "killed");
        var successor = page.Locator($"article.node[data-role=leader]:not([data-node={leader}])");
        await Expect(successor).ToHaveCountAsync(1);
        var newLeader = (await successor.GetAttributeAsync("data-node"))!;
        await Expect(Id("leader")).ToHaveAttributeAsync("data-leader", newLeader);
        await Expect(page.GetByTestId("leader-change").Last).ToContainTextAsync(newLeader);
        await ShotAsync("02-new-leader.png");

        // Publish from the page: the two running nodes tick; the killed one ticks once started again and caught up.
        await Id("publish-message").FillAsync("hello from the page");
        await Id("publish-send").ClickAsync();
        var item = Id("publish-item").Filter(new() { HasText = "hello from the page" });
        await Expect(item.Locator("[data-arrived=true]")).ToHaveCountAsync(2);
        await Expect(item.GetByTestId($"arrival-{leader}")).ToHaveAttributeAsync("data-arrived", "pending");
        await Id($"node-{leader}-start").ClickAsync();
        await Expect(item.GetByTestId($"arrival-{leader}")).ToHaveAttributeAsync("data-arrived", "true");
        await Expect(item.Locator("[data-arrived=true]")).ToHaveCountAsync(3);
        await Expect(Id($"node-{leader}")).ToHaveAttributeAsync("data-state", "running");
        await ShotAsync("03-published-everywhere.png");

        // Partition from the page: isolate a follower, its links show cut; the console panes fill.
        var follower = new[] { "n1", "n2", "n3" }.First(n => n != newLeader);
        await Id($"isolate-{follower}").ClickAsync();
        await Expect(page.Locator($"[data-testid^=link-{follower}-][data-state=cut]")).ToHaveCountAsync(2);
        await Expect(page.Locator($"[data-testid$=-{follower}][data-state=cut]")).ToHaveCountAsync(2);
        await Expect(Id("faults")).ToContainTextAsync($"partition {follower} |");
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            await Expect(Id($"console-{node}")).ToContainTextAsync("info:");
        }

        await ShotAsync("04-partition.png");

        // Bad input shows the API's words on the page, and changes nothing.
        var faultsBefore = await Id("faults").InnerTextAsync();
        await Id("partition-groups").FillAsync("n1 n1,n2");
        await Id("partition-apply").ClickAsync();
        await Expect(toasts.Filter(new() { HasText = "node n1 is in two groups ('n1' and 'n1,n2'): groups must not overlap" })).ToBeVisibleAsync();
        await Id("partition-groups").FillAsync("n9");
        await Id("partition-apply").ClickAsync();
        await Expect(toasts.Filter(new() { HasText = "unknown node 'n9'; this lab has n1, n2, n3" })).ToBeVisibleAsync();
        await Expect(Id("faults")).ToHaveTextAsync(faultsBefore);
        await ShotAsync("05-bad-input.png");

        // Heal from the page: every link open again.
        await Id("heal").ClickAsync();
        await Expect(page.Locator(".matrix [data-state=cut]")).ToHaveCountAsync(0);
        await Expect(Id("faults")).ToContainTextAsync("every link is open");

        // Stop the lab from the page; an action on the stopped lab is refused visibly.
        await Id("stop").ClickAsync();
        await Expect(Id("no-lab")).ToBeVisibleAsync();
        await Expect(cards).ToHaveCountAsync(0);
        await Id("partition-groups").FillAsync("n1");
        await Id("partition-apply").ClickAsync();
        await Expect(toasts.Filter(new() { HasText = "no lab in" })).ToBeVisibleAsync();
        await ShotAsync("06-stopped.png");

        Assert.Empty(pageErrors);
    }
}
