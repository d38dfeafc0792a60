/** What each number on the results page means, in plain words, for the reader who is not a statistician. */
export const PAGE_HELP = `<section aria-labelledby="help-title" class="help">
<h2 id="help-title">What the numbers mean</h2>
<dl class="help">
  <dt>Visitors</dt>
  <dd>Visitors who were shown what their arm changes (exposed), counted once each, from their first exposure. Bots are never counted.</dd>
  <dt>Converters and conversion rate</dt>
  <dd>Visitors with at least one order after their exposure, and their share of the arm's visitors. The range after the rate is its 95% interval (Wilson): the rates the data make plausible.</dd>
  <dt>Which orders count</dt>
  <dd>"Trusted" experiments count only orders the shop's backend confirmed; "browser" ones also count purchases the page reported. An order placed before the visitor's exposure never counts.</dd>
  <dt>Lift</dt>
  <dd>How much higher (or lower) a variant's conversion rate is than the control's, relative to the control: +10% means the variant converts 1.1 times as often. Its interval is the always-valid 95% interval (mSPRT): it stays valid however often you look, so you may check the results every day.</dd>
  <dt>p (always valid)</dt>
  <dd>How surprising the difference would be if the variant changed nothing, adjusted for several variants (Holm). Below 0.05 the verdict calls a winner or a loser. It only goes down as data arrive, so an early call is not undone by peeking.</dd>
  <dt>Chance to beat control</dt>
  <dd>The probability, given the data so far, that the variant's true rate is above the control's (Bayesian, flat prior). Useful as an intuition; the verdict does not use it.</dd>
  <dt>Revenue per visitor</dt>
  <dd>All revenue from counted orders divided by all the arm's visitors, buyers or not. Its comparison uses Welch's t-test; the CUPED figure removes the part of the noise explained by what each visitor spent before the experiment, which narrows the interval without moving the estimate on average.</dd>
  <dt>Average order value (AOV)</dt>
  <dd>Revenue divided by orders, for the visitors who ordered.</dd>
  <dt>Add-to-cart rate</dt>
  <dd>Visitors who added something to the cart after their exposure, as a share of the arm's visitors.</dd>
  <dt>Sample ratio mismatch (SRM)</dt>
  <dd>Whether the visitors split between the arms as the configured weights say (chi-square test). When p is below 0.001 the split is off: something other than chance decides who lands in which arm or who gets counted, and no other number on the page can be trusted until the cause is found.</dd>
  <dt>Plan</dt>
  <dd>How many visitors each arm needs to detect the smallest change worth finding (10% by default) with 80% power, and how many more days that takes at the current pace.</dd>
  <dt>Cumulative lift by day</dt>
  <dd>The lift computed from everything up to the end of each day (UTC), with its always-valid interval as a band. The band narrows as visitors accumulate; early swings are expected.</dd>
</dl>
</section>`;
